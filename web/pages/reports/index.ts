// The dashboards, one lazy chunk for all four routes (they share most of their code); the
// charting library is a further chunk that loads when the first chart mounts.
export { default as StreamReport } from './StreamReport.tsx'
export { default as Overview } from './Overview.tsx'
export { default as FairDashboard } from './FairDashboard.tsx'
export { default as BigScreen } from './BigScreen.tsx'
