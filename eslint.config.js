import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Files outside #meetings that still read meeting tables directly. The hot path is documented; the rest are
 * to move onto MeetingAccess / MeetingsService (issue 16) and nothing may be added to this list.
 */
/**
 * Files outside #meetings that still import meeting entities (issue 16 moved the access checks onto MeetingAccess;
 * these still read meeting rows or agenda items for their own queries). Move them onto MeetingAccess / MeetingsService;
 * add nothing. The vote cast batch reads meetings and invitations in its own SQL and needs no entity import.
 */
const MEETING_ENTITY_READERS = [
  { file: 'libs/voting/src/polls/polls.service.ts' },
  { file: 'libs/attendance/src/attendance-read.service.ts' },
  { file: 'libs/attendance/src/attendance.service.ts' },
  { file: 'libs/attendance/src/attendance.module.ts' },
  { file: 'libs/attendance/src/kiosks/kiosk-auth.service.ts' },
  { file: 'libs/conference/src/moderation/moderation.service.ts' },
  { file: 'libs/conference/src/rooms/conference-rooms.service.ts' },
  { file: 'libs/conference/src/recording/conference-recording.service.ts' },
  { file: 'libs/conference/src/sessions/online-sessions.service.ts' },
  { file: 'libs/conference/src/webhooks/handle-webhook.use-case.ts' },
  { file: 'libs/conference/src/tokens/issue-token.use-case.ts' },
  { file: 'libs/opinions/src/in-meeting/opinions.service.ts' },
  { file: 'libs/minutes/src/exports/export-data.service.ts' },
  { file: 'libs/minutes/src/minutes/lock-minutes.use-case.ts' },
  { file: 'libs/minutes/src/minutes/minutes.service.ts' },
  { file: 'libs/minutes/src/minutes/issue-minutes.use-case.ts' },
  { file: 'libs/assignments/src/tasks/tasks.exporter.ts' },
  { file: 'libs/assignments/src/conclusions/conclusions.service.ts' },
];

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
              message: 'Ask #meetings (MeetingAccess, MeetingsService) instead of reading its tables; see MEETING_ENTITY_READERS in eslint.config.js.',
            },
          ],
        },
      ],
    },
  },
);
