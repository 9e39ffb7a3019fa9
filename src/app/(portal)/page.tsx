import { HomePage } from '../../portal/content/HomePage'

export default HomePage
