import { addStylesheet } from '../../components/charts/style.ts'
import reportsCss from './reports.css?url'

/** The dashboards' stylesheet, added when the first of them mounts. */
export const useReportStyles = () => void addStylesheet('reports-css', reportsCss)
