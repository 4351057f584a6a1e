import type { zhCN } from './zh-CN';

/** The shape of a catalog: every key of the Chinese catalog, each a string. */
type Widen<T> = { readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalog = Widen<typeof zhCN>;
