// The dashboards, one lazy chunk for all four routes (they share most of their code); the
// charting library is a further chunk that loads when the first chart mounts. They use the
// console's panels and tiles, so its stylesheet comes with them (never with the viewer's pages).
import '../../styles/console.css'
export { default as StreamReport } from './StreamReport.tsx'
export { default as Overview } from './Overview.tsx'
export { default as FairDashboard } from './FairDashboard.tsx'
export { default as BigScreen, LinkedScreen } from './BigScreen.tsx'
