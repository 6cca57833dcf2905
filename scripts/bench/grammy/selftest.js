'use strict';
// selftest.js: runs bot.js against a tiny scripted Bot API and checks the
// paths skmload does not take: a redelivered update, Kembali, Batal, a typed
// suggestion and a stale button. Usage: node selftest.js (exit 0 when good).

const http = require('http');
const os = require('os');
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const Database = require('better-sqlite3');

const token = '1:SELF';
const chat = { id: 42, type: 'private', first_name: 'Uji' };
const from = { id: 42, is_bot: false, first_name: 'Uji' };
let nextUpdate = 1;
let queue = [];
const calls = [];
let waiters = [];

const msg = (id, text) => ({ message_id: id, from, chat, date: 1, text });
const start = (payload) => ({ message: { ...msg(1, `/start ${payload}`), entities: [{ type: 'bot_command', offset: 0, length: 6 }] } });
const press = (data, cb) => ({ callback_query: { id: String(cb), from, chat_instance: '1', data, message: msg(2, 'q') } });

// push queues an update; with id, an update delivered before is delivered
// again whatever the offset (a redelivery after a crash).
function push(u, id) {
  queue.push(id === undefined ? { update_id: nextUpdate++, ...u } : { update_id: id, again: true, ...u });
  id = queue[queue.length - 1].update_id;
  waiters.forEach((w) => w());
  waiters = [];
  return id;
}

const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const method = req.url.split('/').pop();
    const p = body ? JSON.parse(body) : {};
    const reply = (result) => res.end(JSON.stringify({ ok: true, result }));
    if (method === 'getMe') return reply({ id: 1, is_bot: true, first_name: 'B', username: 'b_bot' });
    if (method === 'getUpdates') {
      const due = (u) => u.again || u.update_id >= (p.offset || 0);
      const send = () => {
        queue = queue.filter(due);
        const out = queue.map(({ again, ...u }) => u);
        queue = queue.filter((u) => !u.again);
        reply(out);
      };
      if (queue.some(due)) return send();
      const t = setTimeout(send, 200);
      waiters.push(() => { clearTimeout(t); send(); });
      return;
    }
    calls.push({ method, ...p });
    if (method === 'sendMessage' || method === 'editMessageText') return reply(msg(2, p.text));
    reply(true);
  });
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function settle(n) { // until n calls are recorded
  for (let i = 0; i < 100 && calls.length < n; i++) await sleep(20);
  await sleep(100);
}
let failures = 0;
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
}

server.listen(0, '127.0.0.1', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'grammy-selftest-'));
  const db = path.join(dir, 'g.db');
  const bot = spawn(process.execPath, [path.join(__dirname, 'bot.js')], {
    env: { ...process.env, BOT_TOKEN: token, BOT_API_ROOT: `http://127.0.0.1:${server.address().port}`, BOT_DB: db },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    let cb = 100;
    const startID = push(start('abc'));
    await settle(2);
    check(calls.length === 2 && /Pertanyaan 1 dari 9/.test(calls[1].text), '/start sends the greeting and question 1');
    const q1 = calls[1].reply_markup.inline_keyboard;
    check(q1.length === 5 && q1[0][0].callback_data === 'q:1:1' && q1[3][0].text.startsWith('4 '), 'question 1 has four answers, then navigation');

    const id = push(press('q:1:4', cb++));
    await settle(4);
    check(/Pertanyaan 2 dari 9/.test(calls[3].text), 'an answer shows question 2');
    calls.length = 0;
    push(press('q:1:4', cb++), id); // the same update again
    await settle(1);
    check(calls.length === 1 && calls[0].method === 'answerCallbackQuery', 'a redelivered press is answered and changes nothing');
    calls.length = 0;
    push(start('abc'), startID); // a redelivered /start would restart the survey
    await settle(1);
    check(calls.length === 0, 'a redelivered /start does nothing');

    calls.length = 0;
    push(press('q:1:3', cb++)); // a stale button of question 1: the survey is at question 2
    await settle(1);
    check(calls.length === 1 && calls[0].method === 'answerCallbackQuery', 'a stale button is only answered');

    calls.length = 0;
    push(press('back', cb++));
    await settle(2);
    check(calls.some((c) => /Pertanyaan 1 dari 9/.test(c.text || '')), 'Kembali goes back to question 1');

    for (let n = 1; n <= 9; n++) push(press(`q:${n}:${(n % 4) + 1}`, cb++));
    await settle(20);
    calls.length = 0;
    push({ message: msg(9, 'Antrean terlalu lama') });
    await settle(1);
    check(calls.length === 1 && calls[0].method === 'editMessageText' && /Terima kasih/.test(calls[0].text) && !calls[0].reply_markup,
      'a typed suggestion ends the survey with thanks, edited into the prompt');

    push(start('abc'));
    await settle(3);
    calls.length = 0;
    push(press('cancel', cb++));
    await settle(2);
    check(calls.some((c) => /dibatalkan/.test(c.text || '')), 'Batal ends the survey');

    await sleep(100);
    bot.kill('SIGTERM');
    await new Promise((r) => bot.on('exit', r));
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT a1||a2||a3||a4||a5||a6||a7||a8||a9 AS a, suggestion FROM responses').all();
    check(rows.length === 1 && rows[0].a === '234123412' && rows[0].suggestion === 'Antrean terlalu lama', 'one response row with the answers and the suggestion');
    check(d.prepare('SELECT count(*) FROM sessions').pluck().get() === 0, 'no session left');
    d.close();
  } finally {
    if (bot.exitCode === null) bot.kill('SIGKILL');
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.exit(failures ? 1 : 0);
});
