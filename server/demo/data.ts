import type { JobInput } from '../store/jobs.ts'

// Facts from county 直播带岗 articles.
/** `day` counts from today in China time; a live stream started half an hour ago. */
type DemoStream = { title: string; description: string; status: 'live' | 'scheduled' | 'ended'; day: number; time: string }
/** A job as the form sends it: the town by its gazetteer name (the seed fills code and point). */
type DemoJob = Omit<JobInput, 'location'> & { location: { town: string; address?: string; shuttle?: string } }
/** `hiringPhone`: its 招聘电话 (applicants see it in 我的报名); a made-up number. */
type DemoCompany = { email: string; name: string; companyName: string; hiringPhone?: string; jobs: DemoJob[]; stream: DemoStream }

export const DEMO_PASSWORD = 'demo1234'

export const demoFair = {
  title: '2026 春风行动 · 直播带岗',
  description: '县人社局、零工市场联合举办，企业直播探厂，求职者在线报名。',
}

export const demoCompanies: DemoCompany[] = [
  {
    email: 'hr-fuzhuang@demo.local',
    name: '王经理',
    companyName: '平店乡恒达服饰有限公司',
    hiringPhone: '0394-5550123',
    jobs: [
      { title: '缝纫工（熟练工）', pay: { min: 5000, max: 7500, unit: 'month' }, headcount: 40, location: { town: '商水县平店乡', address: '平店乡产业园 3 号厂房' }, tags: ['包吃住', '熟练工', '五险一金'], ageMin: 18, ageMax: 55, description: '平车、包缝均可，多劳多得，新手有师傅带。' },
      { title: '整烫包装工', pay: { min: 4000, max: 5500, unit: 'month' }, headcount: 15, location: { town: '商水县平店乡' }, tags: ['包吃住', '长白班'], ageMin: 18, ageMax: 60 },
    ],
    stream: { title: '走进恒达服饰：缝纫车间实景探厂', description: '车间主任带您看工位、宿舍和食堂。', status: 'live', day: 0, time: 'now' },
  },
  {
    email: 'hr-xiedeng@demo.local',
    name: '李姐',
    companyName: '成安县光明鞋灯加工坊',
    jobs: [
      { title: '鞋灯组装工', pay: { min: 0.3, max: 0.3, unit: 'piece' }, headcount: 60, location: { town: '成安县成安镇', address: '各村帮扶车间' }, dailyOutput: 500, tags: ['计件', '日结', '家门口就业'], ageMin: 18, ageMax: 65, description: '坐着就能干，手巧就行，可带孩子上班。' },
    ],
    stream: { title: '家门口的鞋灯车间：计件日结怎么算', description: '现场演示组装，一件三毛，当天结算。', status: 'scheduled', day: 1, time: '09:30' },
  },
  {
    email: 'hr-chaye@demo.local',
    name: '陈师傅',
    companyName: '建阳麻沙茶业专业合作社',
    jobs: [
      { title: '采茶工（春茶季）', pay: { min: 3, max: 5, unit: 'piece' }, headcount: 200, location: { town: '建阳区麻沙镇', shuttle: '每天 6:30 麻沙镇政府门口发车' }, dailyOutput: 40, tags: ['计件', '日结', '包午餐'], ageMin: 18, ageMax: 70, description: '按斤计件，熟手一天可采 40 斤以上。' },
    ],
    stream: { title: '春茶开采：麻沙茶园直播招采茶工', description: '茶园实景，讲清楚计件标准。', status: 'scheduled', day: 2, time: '08:00' },
  },
  {
    email: 'hr-wuliu@demo.local',
    name: '赵主管',
    companyName: '张北县顺达物流 · 通达叉车培训学校',
    jobs: [
      { title: '叉车司机', pay: { min: 6000, max: 8000, unit: 'month' }, headcount: 12, location: { town: '张北县张北镇' }, tags: ['持证上岗', '五险一金', '包住'], ageMin: 20, ageMax: 50, description: '需持叉车证；无证可先报名学校培训，结业推荐上岗。' },
      { title: '仓库分拣员', pay: { min: 220, max: 220, unit: 'day' }, headcount: 30, location: { town: '张北县张北镇' }, tags: ['日结', '长白班'], ageMin: 18, ageMax: 55 },
    ],
    stream: { title: '学叉车、进物流：一场直播讲清楚', description: '培训学校和物流园联合直播。', status: 'scheduled', day: 3, time: '14:00' },
  },
  {
    email: 'hr-jiazheng@demo.local',
    name: '刘老师',
    companyName: '洛南县家和家政服务有限公司',
    jobs: [
      { title: '家政员', pay: { min: 25, max: 35, unit: 'hour' }, headcount: 50, location: { town: '洛南县城关街道' }, dailyOutput: 8, tags: ['时间灵活', '免费培训'], ageMin: 25, ageMax: 60 },
      { title: '保洁员', pay: { min: 3000, max: 4500, unit: 'month' }, headcount: 20, location: { town: '洛南县城关街道' }, tags: ['时间灵活'], ageMin: 25, ageMax: 60 },
    ],
    stream: { title: '家政服务岗位直播专场', description: '时间灵活，就近派单。', status: 'ended', day: -1, time: '10:00' },
  },
  {
    email: 'hr-guangfu@demo.local',
    name: '孙工',
    companyName: '张北县晶阳新能源有限公司',
    jobs: [
      { title: '光伏运维工', pay: { min: 5500, max: 7000, unit: 'month' }, headcount: 10, location: { town: '张北县张北镇' }, tags: ['五险一金', '包吃住'], ageMin: 20, ageMax: 45, description: '电工证优先，提供岗前培训。' },
    ],
    stream: { title: '光伏电站探访：运维岗位招聘', description: '带您看电站、讲岗位。', status: 'scheduled', day: 5, time: '15:30' },
  },
]

export const demoPendingRecruiter = { email: 'hr-dianzi@demo.local', name: '周经理', companyName: '商水县新兴电子厂' }
export const demoStation = { email: 'station@demo.local', name: '平店乡就业服务站', town: '商水县平店乡' }
