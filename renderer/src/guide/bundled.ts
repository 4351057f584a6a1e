/** The files as Vite bundles them: every article and the demo outlet list. */
import demoOutlets from '../../../resources/guide/demo-outlets.json';
import { loadArticles, parseOutlets } from './guide-data';

const files = import.meta.glob<unknown>('../../../resources/guide/articles/*.json', {
  eager: true,
  import: 'default',
});

export const bundledArticles = loadArticles(files);
export const demoOutletList = parseOutlets(demoOutlets);
