import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Files outside #meetings allowed to import meeting entity classes (to read meeting tables through TypeORM); every
 * other library asks MeetingAccess (one access policy, one place that reads meetings). Empty since issue 16: each
 * entry would need a reason as strong as a hot path. The documented hot path needs none: the vote cast batch
 * (libs/voting/src/casting/cast-batch.ts readCastState) joins meetings' invitations in its own SQL statement under
 * the cast lock, which one statement per batch keeps fast and no import rule sees.
 */
const MEETING_ENTITY_READERS = [];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'apps/web/dist/**', 'test-artifacts/**', '**/*.mjs', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    // the browser takes only types from the server side: nothing of Nest or TypeORM may reach the bundle
    files: ['apps/web/src/**/*.ts', 'apps/web/src/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: '#contracts', allowTypeImports: true, message: 'apps/web takes only types from #contracts (import type).' }],
          patterns: [
            { group: ['#*', '!#contracts'], message: 'apps/web imports server libraries only through #contracts (types).' },
            { group: ['**/libs/**'], message: 'apps/web imports server libraries only through #contracts (types).' },
          ],
        },
      ],
    },
  },
  {
    // the contract is types only and stands alone: both the server and the web import it
    files: ['libs/contracts/src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ regex: '^(?!\\./)', message: '#contracts imports nothing but its own files.' }] }],
    },
  },
  {
    // meetings' tables are #meetings' own: other libraries ask MeetingAccess / MeetingsService (one access policy).
    // Allowed: entity files (their foreign-key relations), and the files listed below, each with its reason.
    files: ['libs/**/*.ts'],
    ignores: ['libs/meetings/**', 'libs/*/src/**/*.entity.ts', 'libs/*/src/**/*.spec.ts', ...MEETING_ENTITY_READERS.map((r) => r.file)],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '#meetings',
              importNames: ['MeetingEntity', 'MeetingInvitationEntity', 'AgendaItemEntity', 'MeetingDocumentEntity'],
              // the type of what MeetingAccess returns is harmless; reading the tables needs the class (a value)
              allowTypeImports: true,
              message: 'Ask #meetings (MeetingAccess, MeetingsService) instead of reading its tables; see MEETING_ENTITY_READERS in eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
);
