import { RegisterLearnerPage } from '../../../portal/account/pages'

export const metadata = { title: 'Register as a learner' }
export default RegisterLearnerPage
