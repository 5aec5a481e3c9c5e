// ESM mode: NestJS 12 is ESM-only, so tests run through ts-jest's ESM transformer.
const transform = {
  '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
};
const moduleNameMapper = {
  // only our libraries (#minutes); packages' own subpath imports (pdfkit's #standard-fonts/...) resolve normally
  '^#([a-z]+)$': '<rootDir>/libs/$1/src/index.ts',
  '^(\\.{1,2}/.*)\\.js$': '$1',
};
const common = { extensionsToTreatAsEsm: ['.ts'], transform, moduleNameMapper, testEnvironment: 'node' };

export default {
  testTimeout: 60000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/api/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/apps/web/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.mjs',
      globalTeardown: '<rootDir>/test/setup/global-teardown.mjs',
    },
  ],
};
