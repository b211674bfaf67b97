import { describe, expect, test } from 'vitest'
import { counties, findTown, pointOf, readTown } from '../../schemas/gazetteer/lookup.ts'
import { haversineKm, nearness, nearnessRank, roundKm } from '../../schemas/gazetteer/distance.ts'

// The gazetteer (schemas/gazetteer): towns of the demo counties by NBS code, and how far a job is.

describe('gazetteer data', () => {
  test('has the five demo counties, each town coded under its county', () => {
    expect(counties.map((c) => c.name)).toEqual(['商水县', '成安县', '建阳区', '张北县', '洛南县'])
    for (const c of counties) {
      expect(c.code).toMatch(/^\d{6}$/)
      expect(c.towns.length).toBeGreaterThan(5)
      for (const t of c.towns) {
        expect(t.code.slice(0, 6)).toBe(c.code)
        expect(t.name).toMatch(/(乡|镇|街道)$/)
      }
    }
  })

  test('every county seat has a point; only the towns GeoNames has (README) have their own, near their seat', () => {
    for (const c of counties) expect([c.lat, c.lng].every(Number.isFinite)).toBe(true)
    const towns = counties.flatMap((c) => c.towns.map((t) => ({ c, t })))
    const own = towns.filter(({ t }) => t.lat !== null || t.lng !== null)
    expect(own.map(({ t }) => t.name).sort()).toEqual(['保安镇', '小湖镇', '张北镇', '徐市镇', '成安镇', '新城街道', '水吉镇', '洛源镇', '漳墩镇', '回龙乡'].sort())
    for (const { c, t } of own) expect(haversineKm(c, { lat: t.lat!, lng: t.lng! })).toBeLessThan(45)
    expect(towns.length - own.length).toBe(72)
  })
})

describe('finding a town', () => {
  test.each([['411623202'], ['商水县平店乡'], ['平店乡'], ['周口市商水县平店乡'], [' 商水县平店乡 ']])('%s is 商水县平店乡', (s) => {
    expect(findTown(s)).toMatchObject({ name: '商水县平店乡', town: { code: '411623202' }, county: { name: '商水县' } })
  })

  test.each([['成安县'], ['火星乡'], [''], ['4116232']])('%s is no town', (s) => expect(findTown(s)).toBeUndefined())

  test('a free text that starts with a town: the town, and the rest is the village', () => {
    expect(readTown('平店乡李庄村')).toMatchObject({ ref: { name: '商水县平店乡' }, rest: '李庄村' })
    expect(readTown('商水县平店乡 刘庄村')).toMatchObject({ ref: { name: '商水县平店乡' }, rest: '刘庄村' })
    expect(readTown('麻沙镇')).toMatchObject({ ref: { name: '建阳区麻沙镇' }, rest: '' })
    expect(readTown('李庄村')).toBeUndefined()
  })

  test('a town without its own point falls back to its county seat, and says so', () => {
    expect(pointOf(findTown('商水县平店乡')!)).toEqual({ lat: 33.53, lng: 114.6, coordsOf: 'county' })
  })

  test('a town with its own point (GeoNames) says it is the town’s', () => {
    expect(pointOf(findTown('成安县成安镇')!)).toEqual({ lat: 36.45, lng: 114.68, coordsOf: 'town' })
    expect(pointOf(findTown('建阳区徐市镇')!)).toEqual({ lat: 27.23, lng: 118.09, coordsOf: 'town' })
  })
})

describe('distance', () => {
  const seat = (code: string) => {
    const ref = findTown(code)!
    return { townCode: ref.town.code, ...pointOf(ref) }
  }

  test('haversine: one degree of latitude is about 111 km; a point to itself is 0', () => {
    expect(haversineKm({ lat: 30, lng: 114 }, { lat: 31, lng: 114 })).toBeCloseTo(111.2, 0)
    expect(haversineKm({ lat: 33.53, lng: 114.6 }, { lat: 33.53, lng: 114.6 })).toBe(0)
  })

  test('rounds to as many digits as the points are good for', () => {
    expect([0.2, 3.4, 12.6, 22, 48, 137, 354].map(roundKm)).toEqual([1, 3, 13, 20, 50, 140, 350])
  })

  test('same town; same county (points are only county seats); other counties seat to seat', () => {
    const home = seat('商水县平店乡')
    expect(nearness(home, seat('411623202'))).toEqual({ kind: 'sameTown' })
    expect(nearness(home, seat('商水县练集镇'))).toEqual({ kind: 'sameCounty' })
    const far = nearness(home, seat('成安县成安镇'))
    expect(far).toMatchObject({ kind: 'km', bySeat: true })
    const km = far?.kind === 'km' ? far.km : 0
    expect(km).toBeGreaterThan(300) // 周口 to 邯郸: about 320 km
    expect(km).toBeLessThan(340)
  })

  test('two towns with their own points: measured town to town, even in one county, not 「按县城算」', () => {
    const near = nearness(seat('建阳区徐市镇'), seat('建阳区小湖镇'))
    expect(near).toMatchObject({ kind: 'km', bySeat: false })
    expect(roundKm(near?.kind === 'km' ? near.km : 0)).toBe(20) // 27.23,118.09 → 27.33,118.27: about 21 km
    // One end only a county seat: same county stays 「就在本县」, other counties say 「按县城算」.
    expect(nearness(seat('建阳区徐市镇'), seat('建阳区麻沙镇'))).toEqual({ kind: 'sameCounty' })
    expect(nearness(seat('成安县成安镇'), seat('商水县平店乡'))).toMatchObject({ kind: 'km', bySeat: true })
    expect(nearness(seat('成安县成安镇'), seat('张北县张北镇'))).toMatchObject({ kind: 'km', bySeat: false })
  })

  test('a device position measures to the job’s point; an old free-text job is unknown', () => {
    const gps = { lat: 33.6, lng: 114.7, coordsOf: 'device' as const }
    expect(nearness(gps, seat('商水县平店乡'))).toMatchObject({ kind: 'km', bySeat: true })
    expect(nearness(gps, { lat: 33.6, lng: 114.7, coordsOf: 'town' })).toEqual({ kind: 'km', km: 0, bySeat: false })
    expect(nearness(gps, {})).toBeNull()
    expect(nearness({}, seat('商水县平店乡'))).toBeNull()
  })

  test('ranks nearest first: same town, then by km, unknown last', () => {
    const ranks = [null, { kind: 'km', km: 40, bySeat: true }, { kind: 'sameTown' }, { kind: 'sameCounty' }] as const
    expect([...ranks].sort((a, b) => nearnessRank(a) - nearnessRank(b))).toEqual([ranks[2], ranks[3], ranks[1], ranks[0]])
  })
})
