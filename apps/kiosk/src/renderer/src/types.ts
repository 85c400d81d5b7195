import type { SiteConfig } from '@luot/domain';

export type PriorityClass = SiteConfig['priorityClasses'][number];
