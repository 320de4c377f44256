// Drives a Marathon API with npm's marathon-node, as an existing Marathon tool would: ping, info, an event source,
// create, scale, tasks, deployments, restart, versions, killing a task, delete. Prints one line per step
// ("ok <step> <detail>") and exits 0, or prints the failure and exits 1.
//
// usage: node marathon-client.js <marathon url> <app id> [bearer token]
'use strict';

const [url, appId, token] = process.argv.slice(2);
const headers = token ? { Authorization: `Bearer ${token}` } : {};
const marathon = require('marathon-node')(url, { headers });

const seen = [];
const waiters = [];

function step(name, detail) {
  console.log(`ok ${name} ${detail === undefined ? '' : JSON.stringify(detail)}`);
}

// Resolves with the first event (past or future) that matches.
function waitFor(description, match, timeoutMs = 30000) {
  const past = seen.find(match);
  if (past) {
    return Promise.resolve(past);
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${description} within ${timeoutMs} ms; seen: ${seen.map(e => e.eventType).join(', ')}`)), timeoutMs);
    waiters.push({ match, resolve: e => { clearTimeout(timer); resolve(e); } });
  });
}

function openEvents() {
  const types = ['deployment_info', 'deployment_success', 'status_update_event', 'api_post_event', 'app_terminated_event'];
  const source = marathon.events.createEventSource({ eventType: types, headers });
  for (const type of types) {
    source.addEventListener(type, message => {
      const event = JSON.parse(message.data);
      seen.push(event);
      for (const waiter of waiters.filter(w => w.match(event))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    });
  }
  return new Promise((resolve, reject) => {
    source.onopen = () => resolve(source);
    source.onerror = error => reject(new Error(`event source: ${JSON.stringify(error)}`));
  });
}

const deployed = id => waitFor(`deployment_success of ${id}`, e => e.eventType === 'deployment_success' && e.id === id);

async function main() {
  step('ping', await marathon.misc.ping());
  const info = await marathon.info.get();
  step('info', { name: info.name, leader: info.leader, frameworkId: info.frameworkId });
  const source = await openEvents();
  step('events', 'attached');

  const created = await marathon.app.create({ id: appId, cmd: 'sleep 1000', cpus: 0.1, mem: 16, instances: 1 });
  step('create', { id: created.id, deployments: created.deployments.length });
  await deployed(created.deployments[0].id);
  step('create-deployed', created.deployments[0].id);

  const scaled = await marathon.app.update(appId, { instances: 2 });
  await deployed(scaled.deploymentId);
  step('scale', scaled.deploymentId);

  const tasks = (await marathon.app.getTasks(appId)).tasks;
  step('tasks', tasks.map(t => t.state));
  const running = await waitFor('a TASK_RUNNING update', e => e.eventType === 'status_update_event' && e.appId === appId && e.taskStatus === 'TASK_RUNNING');
  step('status-update', running.taskStatus);

  const app = (await marathon.app.getOne(appId)).app;
  step('get', { instances: app.instances, tasksRunning: app.tasksRunning });
  const list = (await marathon.app.getList({ id: appId, embed: 'apps.tasks' })).apps;
  step('list', list.map(a => `${a.id}:${a.tasks.length}`));
  const deployments = await marathon.deployments.getList();
  step('deployments', deployments.filter(d => d.affectedApps.includes(appId)).length);

  const restarted = await marathon.app.restart(appId);
  await deployed(restarted.deploymentId);
  const replaced = (await marathon.app.getTasks(appId)).tasks.map(t => t.id);
  step('restart', { replaced: replaced.filter(id => !tasks.some(t => t.id === id)).length });

  const versions = (await marathon.app.getVersions(appId)).versions;
  const first = await marathon.app.getVersion(appId, versions[versions.length - 1]);
  step('versions', { count: versions.length, newest: versions[0] === restarted.version, firstInstances: first.instances });

  const killed = await marathon.app.killTask(appId, replaced[0], true);
  await deployed(killed.deploymentId);
  const left = (await marathon.app.getOne(appId)).app;
  step('kill-scale', { instances: left.instances, killed: (await marathon.app.getTasks(appId)).tasks.every(t => t.id !== replaced[0]) });

  const destroyed = await marathon.app.destroy(appId);
  await waitFor(`app_terminated_event of ${appId}`, e => e.eventType === 'app_terminated_event' && e.appId === appId);
  await deployed(destroyed.deploymentId);
  step('delete', destroyed.deploymentId);
  try {
    await marathon.app.getOne(appId);
    throw new Error(`${appId} is still there after its delete`);
  } catch (error) {
    if (error.statusCode !== 404) {
      throw error;
    }
    step('gone', error.error.message);
  }

  step('api-posts', seen.filter(e => e.eventType === 'api_post_event').map(e => e.uri));
  source.close();
}

main().then(() => process.exit(0), error => {
  console.error(`failed: ${error.stack || error.message || JSON.stringify(error)}`);
  process.exit(1);
});
