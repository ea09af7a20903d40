import 'server-only';

// Word lists for the seeded fleet. Names are common, varied first/last names; brand stems and domain
// patterns produce the look-alike sending domains cold-email teams buy (getacmeoutreach.com,
// tryacme.io) so the demo resembles a real outbound workspace.

// prettier-ignore
export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Chris', 'Karen',
  'Daniel', 'Lisa', 'Matthew', 'Nancy', 'Anthony', 'Betty', 'Mark', 'Sandra', 'Steven', 'Ashley',
  'Paul', 'Emily', 'Andrew', 'Donna', 'Joshua', 'Michelle', 'Kevin', 'Carol', 'Brian', 'Amanda',
  'George', 'Melissa', 'Tim', 'Deborah', 'Ryan', 'Stephanie', 'Jason', 'Rebecca', 'Jeff', 'Laura',
  'Jacob', 'Sharon', 'Gary', 'Cynthia', 'Nick', 'Kathleen', 'Eric', 'Amy', 'Jonathan', 'Angela',
  'Stephen', 'Anna', 'Larry', 'Brenda', 'Justin', 'Pamela', 'Scott', 'Emma', 'Brandon', 'Nicole',
  'Ben', 'Helen', 'Sam', 'Samantha', 'Greg', 'Katherine', 'Alex', 'Christine', 'Patrick', 'Rachel',
  'Jack', 'Olivia', 'Dennis', 'Hannah', 'Tyler', 'Megan', 'Aaron', 'Julia', 'Adam', 'Grace',
  'Nathan', 'Sophia', 'Henry', 'Chloe', 'Zach', 'Ella', 'Kyle', 'Mia', 'Noah', 'Ava',
  'Leo', 'Zoe', 'Ethan', 'Lily', 'Lucas', 'Nora', 'Owen', 'Maya', 'Liam', 'Priya',
  'Arjun', 'Mei', 'Wei', 'Yuki', 'Hiro', 'Sofia', 'Mateo', 'Camila', 'Diego', 'Lucia',
  'Omar', 'Fatima', 'Ali', 'Layla', 'Ivan', 'Elena', 'Lars', 'Ingrid', 'Pierre', 'Claire',
  'Marco', 'Giulia', 'Felix', 'Hanna', 'Jonas', 'Lea', 'Ravi', 'Ananya', 'Kwame', 'Amara',
] as const;

// prettier-ignore
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts',
  'Gomez', 'Phillips', 'Evans', 'Turner', 'Diaz', 'Parker', 'Cruz', 'Edwards', 'Collins', 'Reyes',
  'Stewart', 'Morris', 'Morales', 'Murphy', 'Cook', 'Rogers', 'Gutierrez', 'Ortiz', 'Morgan', 'Cooper',
  'Peterson', 'Bailey', 'Reed', 'Kelly', 'Howard', 'Ramos', 'Kim', 'Cox', 'Ward', 'Richardson',
  'Watson', 'Brooks', 'Chavez', 'Wood', 'James', 'Bennett', 'Gray', 'Mendoza', 'Ruiz', 'Hughes',
  'Price', 'Alvarez', 'Castillo', 'Sanders', 'Patel', 'Myers', 'Long', 'Ross', 'Foster', 'Jimenez',
  'Chen', 'Wang', 'Singh', 'Kumar', 'Tanaka', 'Sato', 'Muller', 'Schmidt', 'Fischer', 'Weber',
  'Rossi', 'Bianchi', 'Dubois', 'Laurent', 'Novak', 'Kowalski', 'Larsen', 'Johansson', 'Okafor', 'Mensah',
] as const;

/** Fictional brand stems for sending domains (none is meant to be a real company). */
// prettier-ignore
export const BRAND_STEMS = [
  'acme', 'northwind', 'brightpath', 'cobaltly', 'leadforge', 'pipelinehq', 'growthloop', 'salesnest',
  'outboundly', 'meetwise', 'prospectra', 'replyhero', 'dealcraft', 'signalwave', 'clearfunnel', 'vantaro',
  'quillsend', 'hubvista', 'nimbusly', 'orbitreach', 'peakly', 'rivetly', 'sparkpoint', 'tandemly',
  'upliftr', 'voyagr', 'zestify', 'kinetiq', 'lumora', 'mosaicly', 'novexa', 'pivotal-io', 'quantro',
  'radiant-b2b', 'stridely', 'trellisly', 'verdantly', 'waypointly', 'yieldly', 'zenithly',
] as const;

/** `{b}` is the brand stem. Cold-email teams favour .com/.io/.co look-alikes of their main domain. */
// prettier-ignore
export const DOMAIN_PATTERNS = [
  'get{b}.com', 'try{b}.io', '{b}hq.com', 'get{b}outreach.com', '{b}-mail.com', 'meet{b}.com', 'go{b}.io',
  'hello{b}.com', '{b}team.co', 'use{b}.com', '{b}labs.io', '{b}mail.net', 'join{b}.com', '{b}growth.com',
  'with{b}.co', '{b}app.io', '{b}sales.com', 'team{b}.com', '{b}-outreach.co', '{b}connect.com',
  'the{b}.co', '{b}reach.io', 'hey{b}.com', '{b}partners.com', 'grow{b}.io', '{b}.co',
] as const;

/** Tag labels a workspace might use: clients, campaigns, triage. */
export const TAG_LABELS = [
  'Client: Northwind',
  'Client: Initech',
  'Client: Umbrella Corp',
  'Q4 launch',
  'Needs review',
  'Warmup only',
  'High volume',
  'EU domains',
  'Agency pool',
  'Reconnect pending',
] as const;

export const SIGNATURES = [
  'Best,\n{first}',
  'Thanks,\n{first} {last}',
  'Cheers,\n{first}\n{company}',
  '{first} {last} | {company}',
] as const;
