#!/usr/bin/env node
// The `pressbot` command. The sources are TypeScript run through tsx, so `npm install` is the only build step.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
