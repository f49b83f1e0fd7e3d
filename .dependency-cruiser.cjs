/**
 * The layering of the hub's libs, checked on every import (`npm run lint:deps`). docs/architecture.md
 * explains the order; this table is its one source. A lib may import only libs of LOWER layers (not
 * its siblings in the same layer), always through `@hub/<lib>` (its src/index.ts), never a file inside.
 */
const LAYERS = [
  ['common', 'config'],
  ['database'],
  ['observability'],
  ['access'],
  ['events'],
  ['audit'],
  ['jobs'],
  ['organisations'],
  ['auth'],
  ['persons'],
  ['consent'],
  ['interventions'],
  ['referrals'],
  ['reporting', 'notifications', 'casenotes', 'meetings'],
  ['sync'],
  ['privacy'],
  ['demo'],
  ['composition'],
];

/** The libs that hold the domain (below privacy): none of them may know of privacy. */
const DOMAIN = [
  'organisations',
  'auth',
  'persons',
  'consent',
  'interventions',
  'referrals',
  'reporting',
  'sync',
  'notifications',
  'casenotes',
  'meetings',
];

const layerRules = LAYERS.flatMap((libs, layer) =>
  libs.map((lib) => {
    const notBelow = LAYERS.slice(layer)
      .flat()
      .filter((other) => other !== lib);
    return {
      name: `layer-${lib}`,
      comment: `libs/${lib} (layer ${layer}) may import only libs of lower layers, not ${notBelow.join(', ')}`,
      severity: 'error',
      from: { path: `^libs/${lib}/` },
      to: { path: `^libs/(${notBelow.join('|')})/` },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: 'no-unknown-lib',
      comment: 'Every lib has its place in the layer table of .dependency-cruiser.cjs (and in docs/architecture.md)',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^libs/', pathNot: `^libs/(${LAYERS.flat().join('|')})/` },
    },
    ...layerRules,
    {
      name: 'no-lib-imports-an-app',
      comment: 'Apps are built from libs, never the other way round',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-app-imports-another-app',
      comment: 'What two apps share lives in a lib (the composition root: libs/composition)',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-domain-lib-imports-privacy',
      comment: 'Privacy sits above the domain: the domain libs register their person data, privacy reads and erases it',
      severity: 'error',
      from: { path: `^libs/(${DOMAIN.join('|')})/` },
      to: { path: '^libs/privacy/' },
    },
    {
      name: 'no-lib-internals',
      comment: 'Another lib is reached through `@hub/<lib>` (its src/index.ts) only, never a file inside it',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$'] },
    },
    {
      name: 'migrations-only-from-the-composition-root',
      comment:
        'libs/database runs the migrations it is given (DatabaseModule.forRoot); only libs/composition (and the CLI that generates them) knows the list',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/composition/' },
      to: { path: '^migrations/' },
    },
    {
      name: 'portal-imports-no-server-code',
      comment: 'The portal is a browser app: it speaks to the hub over HTTP only',
      severity: 'error',
      from: { path: '^apps/portal/' },
      to: { path: '^(libs|migrations)/|^apps/(?!portal/)' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles, within a lib, between libs, in the server apps or in the portal',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves (a misspelt path or a package missing from package.json)',
      severity: 'error',
      from: { path: '^(libs|apps)/' },
      // @graphql-typed-document-node/core is types only (no JavaScript entry), imported by the portal's
      // generated documents as a type: TypeScript resolves it, the cruiser's resolver cannot.
      to: { couldNotResolve: true, pathNot: '^@graphql-typed-document-node/core$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
