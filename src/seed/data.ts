/** Demo data: realistic in shape, invented in content. */

export const DEMO_PASSWORDS = {
  administrator: 'demo-chief-password',
  support: 'demo-helpdesk-password',
  content: 'demo-editor-password',
  portal: 'demo-portal-password',
} as const

export const DEMO_STAFF = [
  { email: 'admin@demo.example', name: 'Alex Administrator', role: 'administrator' },
  { email: 'support@demo.example', name: 'Sam Support', role: 'support' },
  { email: 'content@demo.example', name: 'Casey Content', role: 'content' },
] as const

export const QUALIFICATIONS: Array<[number: string, title: string, level: string, type: string]> = [
  ['603/4182/8', 'Level 3 Diploma in Light Vehicle Maintenance and Repair', '3', 'regulated'],
  ['601/2394/6', 'Level 1 Award in Cycle Maintenance', '1', 'regulated'],
  ['603/1156/3', 'Level 2 Certificate in Customer Service', '2', 'regulated'],
  ['610/0458/2', 'Level 5 Diploma in Leadership and Management', '5', 'regulated'],
  ['603/7245/1', 'Level 4 Certificate in Accounting', '4', 'regulated'],
  ['601/8832/1', 'Level 3 Award in Education and Training', '3', 'regulated'],
  ['600/9411/X', 'Level 2 Award in Food Safety in Catering', '2', 'regulated'],
  ['603/3021/1', 'Level 6 Diploma in Occupational Health and Safety', '6', 'regulated'],
  ['610/1123/9', 'Level 7 Diploma in Strategic Management', '7', 'regulated'],
  ['603/5517/7', 'Level 3 Certificate in Electric Vehicle Maintenance', '3', 'regulated'],
  ['601/4477/9', 'Entry Level Certificate in Skills for Work', 'Entry', 'regulated'],
  ['603/6902/6', 'Level 2 Diploma in Hairdressing', '2', 'regulated'],
  ['610/2270/5', 'Level 4 Diploma in Project Management', '4', 'regulated'],
  ['603/0049/8', 'Level 3 Diploma in Business Administration', '3', 'regulated'],
  ['601/6655/2', 'Level 5 Certificate in Coaching and Mentoring', '5', 'regulated'],
  ['610/3386/4', 'Level 8 Award in Executive Leadership', '8', 'regulated'],
  ['QA-2041-01', 'Advanced Diagnostic Technician Programme', '4', 'quality-assured'],
  ['QA-2107-02', 'Workshop Safety Induction', '1', 'quality-assured'],
  ['ACC-0310', 'Accredited Automotive Technician', '3', 'accreditation'],
  ['MEM-0001', 'Member of the Institute (MInst)', '5', 'membership'],
]

export const FIRST_NAMES = [
  'Claire', 'James', 'Aisha', 'Oliver', 'Siobhán', 'Mohammed', 'Zoë', 'Harry', 'Priya', 'Liam',
  'Amélie', 'Noah', 'Chloe', 'Tomasz', 'Grace', 'Kwame', 'Isla', 'Dylan', 'Fatima', 'Rhys',
  'Mary-Jane', 'Ethan', 'Sofia', 'Callum', 'Niamh', 'Arjun', 'Ellie', 'Jack', 'Leah', 'Owen',
]
export const SURNAMES = [
  'Hammond', "O'Sullivan", 'Patel', 'Smith', 'Nowak', 'Jones', 'Núñez', 'Williams', 'Khan', 'Taylor',
  'Brown', 'Davies', 'Evans', 'Mensah', 'Wilson', 'Thomas', 'Roberts', 'Lewis-Clarke', 'Walker', 'Wright',
  'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green', 'Hall', 'Wood', 'Harris', "D'Arcy",
]
export const MIDDLE_NAMES = ['', '', '', 'Anne', 'John', 'Louise', 'Rose', 'Michael', 'Marie', 'David']
export const CENTRES = [
  'Northgate College', 'Riverside Training Centre', 'City Automotive Academy', 'Westfield Skills Hub',
  'Harbour Institute', 'Midlands Technical College', 'Capital Learning Partnership', 'Highland Training Services',
]
export const GRADES = ['Pass', 'Pass', 'Merit', 'Merit', 'Distinction', 'Achieved']
export const UNIT_TITLES = [
  'Health, safety and good housekeeping', 'Principles of diagnostics', 'Electrical and electronic systems',
  'Customer communication', 'Working with others', 'Inspection and routine maintenance',
  'Planning and organising work', 'Regulation and compliance', 'Managing resources', 'Professional practice',
]

export const PRODUCTS = [
  { code: 'DUP-CERT', name: 'Duplicate qualification certificate', documentType: 'certificate', pricePence: 3050, description: 'A printed duplicate of your qualification certificate.' },
  { code: 'DUP-TRANSCRIPT', name: 'Document reprint (transcript)', documentType: 'transcript', pricePence: 2588, description: 'A printed copy of your transcript of units and credits.' },
  { code: 'POQ-LETTER', name: 'Proof-of-qualification letter', documentType: 'proof-letter', pricePence: 2588, description: 'A signed letter confirming your qualification, for employers and visa applications.' },
] as const

const ROYAL_MAIL_TRACKING = 'https://www.royalmail.com/track-your-item#/tracking-results/{tracking}'

export const DELIVERY_OPTIONS = [
  { name: 'Royal Mail Signed For 2nd Class', region: 'uk', pricePence: 0, estimatedDelivery: '2–3 working days', sortOrder: 1, trackingUrl: ROYAL_MAIL_TRACKING },
  { name: 'Royal Mail Signed For 1st Class', region: 'uk', pricePence: 350, estimatedDelivery: '1–2 working days', sortOrder: 2, trackingUrl: ROYAL_MAIL_TRACKING },
  { name: 'International Courier – Worldwide', region: 'international', pricePence: 1225, estimatedDelivery: '5–7 working days', note: 'Taxes and duties may be due on delivery.', sortOrder: 3 },
] as const
