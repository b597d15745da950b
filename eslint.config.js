// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'url',
  'util',
  'stream',
  'http',
  'https',
  'net',
  'worker_threads',
  'zlib',
  'events',
  'buffer',
  'process',
];
const NODE_MESSAGE = '渲染进程和 shared/ 不能引用 Node 内置模块。';
const noNodeOrElectron = {
  paths: NODE_BUILTINS.map((name) => ({ name, message: NODE_MESSAGE })),
  patterns: [
    {
      group: ['electron', 'electron/*', 'electron-store'],
      message: '渲染进程和 shared/ 不能引用 Electron：请通过 Platform 接口。',
    },
    { group: ['node:*'], message: NODE_MESSAGE },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'tests/.artifacts/**',
      'tests/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/**/*.ts', 'scripts/**', 'build/**/*.mjs', 'tests/**', '*.config.{js,ts}', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['tests/bench/page/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', noNodeOrElectron],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...noNodeOrElectron.paths,
            { name: 'exceljs', message: '报表模型保持纯净：只有写出工作簿的文件可以引用 exceljs。' },
          ],
          patterns: noNodeOrElectron.patterns,
        },
      ],
    },
  },
  {
    // The writers: the only shared files that build workbooks.
    files: ['shared/report/sheet.ts', 'shared/report/summaryWriter.ts', 'shared/report/listExport.ts'],
    rules: { 'no-restricted-imports': ['error', noNodeOrElectron] },
  },
  {
    // The team server: Node only, shares shared/ with the app, never the renderer or the shell.
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/renderer/**', '**/electron/**', 'electron', 'electron-store'],
              message: '服务器只能引用 shared/，不能引用 renderer/ 或 electron/。',
            },
          ],
        },
      ],
    },
  },
  {
    // Components reach data only through stores: under features/ and ledger/, only a
    // store (store.ts, selectors.ts, a store/ folder) or an actions.ts may touch db/.
    files: [
      'renderer/src/features/**/*.{ts,tsx}',
      'renderer/src/ledger/**/*.{ts,tsx}',
      'renderer/src/components/**/*.{ts,tsx}',
    ],
    ignores: [
      'renderer/src/{features,ledger}/**/store.ts',
      'renderer/src/{features,ledger}/**/selectors.ts',
      'renderer/src/{features,ledger}/**/actions.ts',
      'renderer/src/{features,ledger}/**/store/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: noNodeOrElectron.paths,
          patterns: [
            ...noNodeOrElectron.patterns,
            {
              group: ['**/db', '**/db/**', 'dexie'],
              allowTypeImports: false,
              message: '组件不能直接访问数据库：请通过本功能的 store / actions。',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='repos']",
          message: '组件不能直接调用 repos()：请通过本功能的 store / actions。',
        },
        {
          selector:
            "MemberExpression[object.type='CallExpression'][object.callee.name='services'][property.name=/^(db|repos)$/]",
          message: '组件不能直接使用 services().db / services().repos：请通过本功能的 store / actions。',
        },
        {
          selector:
            "VariableDeclarator[init.type='CallExpression'][init.callee.name='services'] > ObjectPattern > Property[key.name=/^(db|repos)$/]",
          message: '组件不能直接使用 services().db / services().repos：请通过本功能的 store / actions。',
        },
      ],
    },
  },
  {
    // SPEC §7: raw exception text never reaches the screen. Components and
    // the feature stores that feed them show a failure through describeError
    // (components/errors.ts), never a caught error's own .message. (Messages
    // the app writes itself, such as an import row's problems, are fine.)
    files: ['renderer/src/**/*.tsx', 'renderer/src/features/**/store.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[property.name='message'][object.name=/^(e|err|error|ex|exc|exception|cause|reason|failure)$/]",
          message:
            '不要把异常的 .message 显示给用户：请用 describeError(error)（renderer/src/components/errors.ts）。',
        },
        {
          selector: "MemberExpression[property.name='message'][object.type='TSAsExpression']",
          message:
            '不要把异常的 .message 显示给用户：请用 describeError(error)（renderer/src/components/errors.ts）。',
        },
      ],
    },
  },
);
