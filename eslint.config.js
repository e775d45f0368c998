// Lint rules CI enforces: type-aware checks for promises and unused code; formatting is Prettier's; the size limits
// of style.md (lines, files, functions) so a new offender fails the lint.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { builtinRules } from 'eslint/use-at-your-own-risk';

const maxLinesPerFunction = builtinRules.get('max-lines-per-function');

const isSuiteBody = (node) => {
  if (node.parent?.type !== 'CallExpression' || !node.parent.arguments.includes(node)) return false;
  let callee = node.parent.callee;
  while (callee.type === 'CallExpression' || callee.type === 'MemberExpression') {
    callee = callee.type === 'CallExpression' ? callee.callee : callee.object;
  }
  return callee.type === 'Identifier' && callee.name === 'describe';
};

// A describe() body is a list of tests, not a function that runs as one: it is exempt, while each test body and
// helper inside it is still measured.
const functionLength = {
  meta: maxLinesPerFunction.meta,
  create(context) {
    const report = (descriptor) => {
      if (!isSuiteBody(descriptor.node)) context.report(descriptor);
    };
    return maxLinesPerFunction.create(Object.create(context, { report: { value: report } }));
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      'node_modules/**',
      'test-artifacts/**',
      'appsscript/html/**',
      'test/sheet/layout1-script/**',
      'test/sheet/layout2-script/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-unused-private-class-members': 'error',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.js', '**/*.mjs'], languageOptions: { globals: globals.node } },
  prettier,
  // After prettier, which turns max-len off: Prettier wraps code at 120 but leaves long strings and comments.
  {
    plugins: { limits: { rules: { 'max-lines-per-function': functionLength } } },
    rules: {
      'max-len': ['error', { code: 120 }],
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'limits/max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false }],
    },
  },
);
