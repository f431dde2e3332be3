/** Static vocabulary of the demo enterprise "Acme": names, departments, titles, teams, places. */

export const EMAIL_DOMAIN = 'acme.example';

export const FIRST_NAMES = [
  'Alice', 'Bob', 'Carol', 'David', 'Emma', 'Farid', 'Grace', 'Hiro', 'Isabel', 'James',
  'Kavya', 'Liam', 'Maria', 'Noah', 'Olivia', 'Pedro', 'Quinn', 'Rosa', 'Samir', 'Tara',
  'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Aaron', 'Beatriz', 'Chen', 'Diana',
  'Elena', 'Felix', 'Gabriel', 'Hannah', 'Ivan', 'Julia', 'Kenji', 'Laura', 'Mateo', 'Nadia',
  'Oscar', 'Priya', 'Rahul', 'Sofia', 'Thomas', 'Uma', 'Victor', 'Wanda', 'Yara', 'Zain',
  'Amara', 'Bruno', 'Chloe', 'Dmitri', 'Esther', 'Fatima', 'George', 'Helena', 'Igor', 'Jonas',
  'Kofi', 'Lena', 'Miguel', 'Nina', 'Omar', 'Paula', 'Ravi', 'Sara', 'Tomas', 'Valentina',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Garcia', 'Chen', 'Patel', 'Nguyen', 'Kim', 'Muller', 'Rossi', 'Silva',
  'Kowalski', 'Okafor', 'Tanaka', 'Haddad', 'Larsen', 'Dubois', 'Novak', 'Ivanova', 'Sato', 'Kumar',
  'Brown', 'Lopez', 'Wilson', 'Anderson', 'Martin', 'Lee', 'Walker', 'Hall', 'Young', 'Allen',
  'Wright', 'Scott', 'Green', 'Baker', 'Adams', 'Nelson', 'Hill', 'Campbell', 'Mitchell', 'Roberts',
  'Carter', 'Phillips', 'Evans', 'Turner', 'Torres', 'Parker', 'Collins', 'Edwards', 'Stewart', 'Morris',
  'Murphy', 'Cook', 'Rogers', 'Morgan', 'Peterson', 'Cooper', 'Reed', 'Bailey', 'Bell', 'Gomez',
  'Kelly', 'Howard', 'Ward', 'Cox', 'Diaz', 'Richardson', 'Wood', 'Watson', 'Brooks', 'Bennett',
  'Gray', 'James', 'Reyes', 'Cruz', 'Hughes', 'Price', 'Myers', 'Long', 'Foster', 'Sanders',
] as const;

export interface DepartmentDef {
  name: string;
  /** Short slug used in group ids. */
  code: string;
  /** Relative headcount share. */
  weight: number;
  costCenter: string;
  headTitle: string;
  directorTitle: string;
  managerTitle: string;
  titles: readonly string[];
  teams: readonly string[];
}

export const DEPARTMENTS: readonly DepartmentDef[] = [
  {
    name: 'Engineering', code: 'eng', weight: 30, costCenter: 'CC-2100',
    headTitle: 'Chief Technology Officer', directorTitle: 'Director of Engineering', managerTitle: 'Engineering Manager',
    titles: ['Software Engineer', 'Senior Software Engineer', 'Staff Engineer', 'Site Reliability Engineer', 'Security Engineer', 'Data Engineer', 'QA Engineer'],
    teams: ['Platform', 'Payments', 'Identity', 'Data', 'Mobile', 'Web', 'SRE', 'Security'],
  },
  {
    name: 'Sales', code: 'sales', weight: 15, costCenter: 'CC-3100',
    headTitle: 'Chief Revenue Officer', directorTitle: 'Regional Sales Director', managerTitle: 'Sales Manager',
    titles: ['Account Executive', 'Senior Account Executive', 'Sales Development Rep', 'Solutions Engineer', 'Sales Operations Analyst'],
    teams: ['Enterprise', 'Mid-Market', 'SMB', 'Sales Ops', 'Partnerships'],
  },
  {
    name: 'Support', code: 'support', weight: 12, costCenter: 'CC-3300',
    headTitle: 'VP of Customer Support', directorTitle: 'Director of Support', managerTitle: 'Support Manager',
    titles: ['Support Engineer', 'Senior Support Engineer', 'Customer Success Manager', 'Support Specialist'],
    teams: ['Tier 1', 'Tier 2', 'Escalations', 'Support Ops'],
  },
  {
    name: 'Finance', code: 'fin', weight: 8, costCenter: 'CC-1200',
    headTitle: 'Chief Financial Officer', directorTitle: 'Controller', managerTitle: 'Finance Manager',
    titles: ['AP Specialist', 'Accountant', 'Senior Accountant', 'Financial Analyst', 'Treasury Analyst', 'Payroll Specialist'],
    teams: ['Accounts Payable', 'General Ledger', 'Treasury', 'FP&A', 'Payroll'],
  },
  {
    name: 'Marketing', code: 'mkt', weight: 8, costCenter: 'CC-3200',
    headTitle: 'Chief Marketing Officer', directorTitle: 'Director of Marketing', managerTitle: 'Marketing Manager',
    titles: ['Marketing Specialist', 'Content Writer', 'Growth Analyst', 'Product Marketing Manager', 'Event Coordinator'],
    teams: ['Growth', 'Content', 'Product Marketing', 'Events'],
  },
  {
    name: 'IT', code: 'it', weight: 7, costCenter: 'CC-1400',
    headTitle: 'Chief Information Officer', directorTitle: 'Director of IT', managerTitle: 'IT Manager',
    titles: ['IT Support Specialist', 'Systems Administrator', 'IAM Engineer', 'Network Engineer', 'Endpoint Engineer'],
    teams: ['Helpdesk', 'Identity & Access', 'Infrastructure', 'End-User Computing'],
  },
  {
    name: 'Operations', code: 'ops', weight: 6, costCenter: 'CC-1500',
    headTitle: 'Chief Operating Officer', directorTitle: 'Director of Operations', managerTitle: 'Operations Manager',
    titles: ['Procurement Specialist', 'Buyer', 'Operations Analyst', 'Facilities Coordinator'],
    teams: ['Procurement', 'Facilities', 'Business Operations'],
  },
  {
    name: 'Product', code: 'prod', weight: 5, costCenter: 'CC-2200',
    headTitle: 'Chief Product Officer', directorTitle: 'Director of Product', managerTitle: 'Group Product Manager',
    titles: ['Product Manager', 'Senior Product Manager', 'Product Designer', 'UX Researcher'],
    teams: ['Product Management', 'Design', 'Research'],
  },
  {
    name: 'HR', code: 'hr', weight: 5, costCenter: 'CC-1300',
    headTitle: 'Chief People Officer', directorTitle: 'Director of People', managerTitle: 'HR Manager',
    titles: ['HR Business Partner', 'Recruiter', 'People Operations Specialist', 'Compensation Analyst'],
    teams: ['People Ops', 'Recruiting', 'Total Rewards'],
  },
  {
    name: 'Legal', code: 'legal', weight: 4, costCenter: 'CC-1600',
    headTitle: 'General Counsel', directorTitle: 'Deputy General Counsel', managerTitle: 'Legal Manager',
    titles: ['Counsel', 'Senior Counsel', 'Paralegal', 'Compliance Analyst', 'Privacy Analyst'],
    teams: ['Commercial', 'Privacy', 'Compliance'],
  },
];

export const EXECUTIVE_DEPARTMENT = 'Executive';

export const LOCATIONS: readonly (readonly [string, number])[] = [
  ['New York', 22], ['San Francisco', 18], ['London', 14], ['Berlin', 8], ['Bangalore', 12],
  ['Toronto', 7], ['Singapore', 5], ['Remote-US', 10], ['Remote-EU', 4],
];

export const EMPLOYEE_TYPES: readonly (readonly [string, number])[] = [
  ['employee', 85], ['contractor', 12], ['intern', 3],
];

/** Lower-case ascii slug: "Identity & Access" -> "identity-access". */
export function slug(text: string): string {
  return text.toLowerCase().replace(/&/g, ' ').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Title case of a slug: "support-triage" -> "Support Triage". */
export function titleCase(slugText: string): string {
  return slugText
    .split('-')
    .map((w) => (w.length <= 3 && /^(ci|pr|hr|kb|db|seo|sre|erp|crm|api)$/.test(w) ? w.toUpperCase() : w[0].toUpperCase() + w.slice(1)))
    .join(' ');
}
