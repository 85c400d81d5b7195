import { restApiRoutes } from './src/rest/index.ts';
import { validate } from '@readme/openapi-parser';
const { document } = restApiRoutes();
const doc = JSON.parse(document());
console.log(JSON.stringify(doc.paths['/sites/{siteId}/tickets'], null, 1).slice(0, 3000));
console.log(Object.keys(doc.components.schemas));
const r = await validate(JSON.parse(document()));
console.log(JSON.stringify(r, null, 1).slice(0, 3000));
