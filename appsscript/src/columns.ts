// The 16 columns of contract §4, in order, and the layout Reformat applies to them.

export const HEADERS = [
  'ID',
  'Created',
  'User',
  'Roles',
  'Status',
  'Link',
  'Reason',
  'Resources',
  'Reviews',
  'Resolution',
  'Suggested reviewers',
  'Request expires',
  'Access expires',
  'Cluster',
  'Updated',
  'Version',
] as const;

export const COLUMN_COUNT = HEADERS.length;

/** 1-based column numbers. */
export const COL = {
  id: 1,
  created: 2,
  user: 3,
  roles: 4,
  status: 5,
  link: 6,
  reason: 7,
  resources: 8,
  reviews: 9,
  resolution: 10,
  reviewers: 11,
  requestExpires: 12,
  accessExpires: 13,
  cluster: 14,
  updated: 15,
  version: 16,
} as const;

export const LINK_LABEL = 'View in Teleport';
export const DATE_COLUMNS: readonly number[] = [COL.created, COL.requestExpires, COL.accessExpires, COL.updated];
export const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

export const COLUMN_WIDTHS: readonly number[] = [
  280, 130, 160, 180, 100, 120, 300, 260, 300, 240, 180, 130, 130, 160, 130, 80,
];

export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  PENDING: '#fff2cc',
  APPROVED: '#d9ead3',
  PROMOTED: '#d0e0e3',
  DENIED: '#f4cccc',
  EXPIRED: '#efefef',
  NONE: '#ffffff',
};
