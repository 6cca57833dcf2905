// Plays users against a running kinerjabot through telegram-test-api.
// Usage: node drive.js SCRIPT.json   (see check.sh). Each step is one of
//   {"as": user, "say": text}                a message or command
//   {"as": user, "press": label}             press the newest button whose text starts with label
//   {"as": user, "expect": fragment}         the newest bot message to user contains fragment
//   {"as": user, "count": n}                 the bot has sent user exactly n messages (an edit
//                                            changes one in place): none lost, none twice
//   {"sh": command}                          run a shell command (e.g. kinerjabot invite), output saved as $OUT
//   {"sh": command, "expect": fragment}      ... and its whole output contains fragment
//   {"wait": ms}                             let the bot send what a command queued (the
//                                            emulator runs in this process: no sleep in "sh")
// "$OUT_n" in a later text is replaced by the n-th tab field of the last command's output.
const TelegramServer = require('telegram-test-api');
const { execSync } = require('child_process');
const fs = require('fs');

const script = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const token = process.env.TOKEN || '123456:EMULATORtoken';
const port = Number(process.env.PORT || 9000);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

(async () => {
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 3600 });
  await server.start();
  const clients = {};
  const client = (name) => {
    if (!clients[name]) {
      const id = 1000 + Object.keys(clients).length;
      clients[name] = server.getClient(token, { userId: id, chatId: id, firstName: name });
    }
    return clients[name];
  };
  const botMessages = (c) => server.storage.botMessages
    .filter((m) => String(m.message.chat_id) === String(c.chatId))
    .map((m) => Object.assign({}, m.message, { message_id: m.messageId }));
  // The bot replies with a new message or by editing one in place: wait
  // until the chat's messages differ from the snapshot taken before.
  const snapshot = (c) => JSON.stringify(botMessages(c));
  const waitNew = async (c, before, what) => {
    for (let i = 0; i < 150; i++) {
      if (snapshot(c) !== before) { await sleep(150); return; }
      await sleep(100);
    }
    throw new Error(`no bot reply to ${what}`);
  };
  let out = [];
  let survey = '';
  const fill = (s) => s.replace(/\$OUT_(\d+)/g, (_, n) => out[Number(n)] || '').replace('$SURVEY', survey);
  if (process.env.READY_CMD) execSync(process.env.READY_CMD);
  await sleep(Number(process.env.START_WAIT || 1500));
  let failures = 0;
  for (const step of script) {
    if (step.wait) { await sleep(step.wait); continue; }
    if (step.sh) {
      const text = execSync(fill(step.sh)).toString().trim();
      const link = text.match(/start=(s_[A-Za-z0-9_-]+)/);
      if (link) survey = link[1];
      const last = text.split('\n').pop();
      out = last.includes('\t') ? last.split('\t') : last.split(',');
      console.log(`$ ${fill(step.sh)}\n  → ${out.join(' | ')}`);
      if (step.expect) {
        const ok = text.includes(fill(step.expect));
        console.log(`${ok ? 'ok  ' : 'FAIL'} output has "${step.expect}"`);
        if (!ok) { failures++; console.log(`     output: ${JSON.stringify(text)}`); }
      }
      continue;
    }
    const c = client(step.as);
    if (step.say !== undefined) {
      const text = fill(step.say);
      const before = snapshot(c);
      const m = text.startsWith('/') ? c.makeCommand(text) : c.makeMessage(text);
      await (text.startsWith('/') ? c.sendCommand(m) : c.sendMessage(m));
      console.log(`${step.as}: ${text}`);
      await waitNew(c, before, text);
    } else if (step.press) {
      let found = null;
      let onMessage = null;
      for (let i = 0; i < 50 && !found; i++) {
        for (const msg of botMessages(c).reverse()) {
          const rows = (msg.reply_markup && msg.reply_markup.inline_keyboard) || [];
          for (const row of rows) for (const b of row) if (!found && b.text.startsWith(step.press) && b.callback_data) found = b;
          if (found) { onMessage = msg; break; }
        }
        if (!found) await sleep(100);
      }
      if (!found) { console.log(`FAIL: no button "${step.press}" for ${step.as}`); failures++; continue; }
      const before = snapshot(c);
      // As Telegram does, the press carries the message its button is on.
      const cb = c.makeCallbackQuery(found.callback_data, { message: { message_id: onMessage.message_id } });
      await c.sendCallback(cb);
      console.log(`${step.as} presses [${found.text}]`);
      await waitNew(c, before, found.text);
    } else if (step.count !== undefined) {
      const n = botMessages(c).length;
      console.log(`${n === step.count ? 'ok  ' : 'FAIL'} ${step.as} has ${n} message(s) from the bot, want ${step.count}`);
      if (n !== step.count) failures++;
    } else if (step.expect) {
      const msgs = botMessages(c);
      const last = msgs.length ? msgs[msgs.length - 1].text : '';
      const any = msgs.slice(-(step.within || 1)).some((m) => (m.text || '').includes(step.expect));
      console.log(`${any ? 'ok  ' : 'FAIL'} ${step.as} sees "${step.expect}"`);
      if (!any) { failures++; console.log(`     newest message: ${JSON.stringify(last)}`); }
    }
  }
  // KB_DUMP=FILE keeps every message the bot sent, for writing new steps.
  if (process.env.KB_DUMP) {
    const names = Object.fromEntries(Object.entries(clients).map(([n, c]) => [String(c.chatId), n]));
    fs.writeFileSync(process.env.KB_DUMP, server.storage.botMessages.map((m) => `--- to ${names[String(m.message.chat_id)] || m.message.chat_id}\n${m.message.text}\n` +
      (((m.message.reply_markup || {}).inline_keyboard || []).map((r) => r.map((b) => `[${b.text}]`).join(' ')).join('\n'))).join('\n'));
  }
  await server.stop();
  console.log(failures ? `${failures} failed` : 'all steps passed');
  process.exit(failures ? 1 : 0);
})().catch((e) => { console.error(e); process.exit(2); });
