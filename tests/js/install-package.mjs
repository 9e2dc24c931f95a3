#!/usr/bin/env node
// Packs ./pkg the way it is published (`npm pack ./pkg`) and installs the tarball into a fresh
// project, target/npm-test/, which the JS tests import from as users do.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectDir, root } from './support.mjs';

rmSync(projectDir, { recursive: true, force: true });
mkdirSync(projectDir, { recursive: true });
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=warn'], { cwd, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
npm(['pack', join(root, 'pkg'), '--pack-destination', projectDir], root);
const tarball = readdirSync(projectDir).find((f) => f.endsWith('.tgz'));
writeFileSync(join(projectDir, 'package.json'), JSON.stringify({ name: 'npm-test', private: true }, null, 2));
npm(['install', '--offline', join(projectDir, tarball)], projectDir);
// Entry files that import the package by name, so that Node resolves it as a user's code would.
writeFileSync(join(projectDir, 'esm-entry.mjs'), "export * from 'cookie-engine';\nexport { default } from 'cookie-engine';\n");
writeFileSync(join(projectDir, 'cjs-entry.cjs'), "module.exports = require('cookie-engine');\n");
writeFileSync(join(projectDir, 'redis-entry.mjs'), "export * from 'cookie-engine/redis';\n");
console.log(`install-package: ${tarball} installed in ${projectDir}`);
