import type { Locale, LocalizedText } from '@civicflow/engine';
import { CASES_MESSAGES } from '../features/cases/casesMessages.js';
import { COMPOSER_MESSAGES } from '../features/composer/composerMessages.js';
import { MONITOR_MESSAGES } from '../features/monitor/monitorMessages.js';
import { SIMULATOR_MESSAGES } from '../features/simulator/simulatorMessages.js';
import { VERSION_MESSAGES } from '../features/versions/versionMessages.js';

/**
 * Every text of the studio's own interface, in both languages. Texts that come from the server
 * (process and task titles, error messages and hints) arrive localized and are not repeated here.
 * `{name}` placeholders are filled by {@link translate}.
 */
const CORE_MESSAGES = {
  'app.name': { 'zh-CN': '基层治理工作台', en: 'civicflow workbench' },
  'app.skipToMain': { 'zh-CN': '跳到主要内容', en: 'Skip to main content' },
  'app.loading': { 'zh-CN': '正在加载…', en: 'Loading…' },
  'nav.label': { 'zh-CN': '主导航', en: 'Main navigation' },
  'nav.inbox': { 'zh-CN': '待办', en: 'Inbox' },
  'nav.cases': { 'zh-CN': '办件', en: 'Cases' },
  'nav.processes': { 'zh-CN': '流程', en: 'Processes' },
  'nav.apiDocs': { 'zh-CN': '接口文档', en: 'API docs' },
  'prefs.label': { 'zh-CN': '显示设置', en: 'Display settings' },
  'prefs.switchLanguage': { 'zh-CN': 'English', en: '中文' },
  'prefs.switchLanguageLabel': { 'zh-CN': 'Switch to English', en: '切换到中文' },
  'prefs.largeText': { 'zh-CN': '大字模式', en: 'Large text' },
  'user.signedInAs': { 'zh-CN': '当前用户：{name}（{unit}）', en: 'Signed in as {name} ({unit})' },
  'user.logout': { 'zh-CN': '退出登录', en: 'Sign out' },

  'login.title': { 'zh-CN': '登录', en: 'Sign in' },
  'login.intro': { 'zh-CN': '请使用本单位分配的账号登录。', en: 'Sign in with the account your unit gave you.' },
  'login.username': { 'zh-CN': '用户名', en: 'Username' },
  'login.password': { 'zh-CN': '密码', en: 'Password' },
  'login.submit': { 'zh-CN': '登录', en: 'Sign in' },
  'login.submitting': { 'zh-CN': '正在登录…', en: 'Signing in…' },
  'login.missing': { 'zh-CN': '请填写用户名和密码。', en: 'Enter your username and password.' },
  'session.expired': { 'zh-CN': '登录已失效，请重新登录。', en: 'Your session has ended. Please sign in again.' },
  'session.loggedOut': { 'zh-CN': '您已退出登录。', en: 'You have signed out.' },

  'inbox.title': { 'zh-CN': '我的待办', en: 'My inbox' },
  'inbox.filter': { 'zh-CN': '筛选已加载的待办', en: 'Filter loaded tasks' },
  'inbox.filterHint': { 'zh-CN': '按事项、流程、单位或办件编号查找', en: 'By task, process, unit or case number' },
  'inbox.count': { 'zh-CN': '已加载 {loaded} 项待办，显示 {shown} 项。', en: '{loaded} tasks loaded, {shown} shown.' },
  'inbox.countAll': { 'zh-CN': '共 {loaded} 项待办。', en: '{loaded} tasks.' },
  'inbox.empty': { 'zh-CN': '暂无待办事项。', en: 'Nothing to do right now.' },
  'inbox.noMatch': { 'zh-CN': '没有符合筛选条件的待办。', en: 'No task matches the filter.' },
  'inbox.loadMore': { 'zh-CN': '加载更多', en: 'Load more' },
  'inbox.loadingMore': { 'zh-CN': '正在加载更多…', en: 'Loading more…' },
  'inbox.allLoaded': { 'zh-CN': '已全部加载。', en: 'All tasks are loaded.' },
  'field.process': { 'zh-CN': '流程', en: 'Process' },
  'field.unit': { 'zh-CN': '办件单位', en: 'Unit' },
  'field.due': { 'zh-CN': '办理期限', en: 'Due' },
  'field.received': { 'zh-CN': '收到时间', en: 'Received' },
  'field.caseNumber': { 'zh-CN': '办件编号', en: 'Case number' },
  'field.started': { 'zh-CN': '发起时间', en: 'Started' },
  'field.startedBy': { 'zh-CN': '发起人', en: 'Started by' },
  'field.status': { 'zh-CN': '状态', en: 'Status' },
  'field.outcome': { 'zh-CN': '办理结果', en: 'Outcome' },
  'field.assignee': { 'zh-CN': '办理人', en: 'Assigned to' },
  'value.yes': { 'zh-CN': '是', en: 'yes' },
  'value.no': { 'zh-CN': '否', en: 'no' },
  'due.none': { 'zh-CN': '无期限', en: 'no deadline' },
  'due.overdue': { 'zh-CN': '已逾期', en: 'Overdue' },

  'task.caseHeading': { 'zh-CN': '办件信息', en: 'About the case' },
  'task.dataHeading': { 'zh-CN': '当前办件数据', en: 'Case data so far' },
  'task.dataEmpty': { 'zh-CN': '尚无数据。', en: 'No data yet.' },
  'task.dataFilled': { 'zh-CN': '已填写（{count} 项）', en: 'filled in ({count} fields)' },
  'task.openCase': { 'zh-CN': '查看办件经过', en: 'View the case timeline' },
  'task.formHeading': { 'zh-CN': '填写表单', en: 'Fill in the form' },
  'task.submitted': { 'zh-CN': '已提交', en: 'Submitted' },
  'task.submittedText': { 'zh-CN': '“{task}”已办理完成。', en: '“{task}” is done.' },
  'task.caseNowDone': { 'zh-CN': '办件已办结：{outcome}', en: 'The case is closed: {outcome}' },
  'task.caseNowCancelled': { 'zh-CN': '办件已撤销。', en: 'The case has been cancelled.' },
  'task.caseNowActive': { 'zh-CN': '办件继续办理中。', en: 'The case goes on.' },
  'task.next': { 'zh-CN': '办理下一项：{task}', en: 'Next task: {task}' },
  'task.noNext': { 'zh-CN': '您目前没有其他待办。', en: 'You have no other tasks right now.' },
  'task.backToInbox': { 'zh-CN': '返回待办', en: 'Back to the inbox' },
  'task.retry': { 'zh-CN': '重新提交', en: 'Submit again' },
  'task.retryHint': { 'zh-CN': '重新提交不会重复办理：服务器按同一提交编号只处理一次。', en: 'Submitting again is safe: the server processes the same submission only once.' },
  'task.reload': { 'zh-CN': '重新加载', en: 'Reload' },
  'task.serverErrorsHeading': { 'zh-CN': '服务器未接受本次提交', en: 'The server did not accept this submission' },
  'task.goToField': { 'zh-CN': '转到该字段', en: 'go to the field' },
  'task.wholeForm': { 'zh-CN': '整张表单', en: 'the whole form' },
  'task.notFoundHint': { 'zh-CN': '该事项可能已由他人办理，或您无权办理。', en: 'Someone may have completed it already, or it is not yours to do.' },

  'cases.title': { 'zh-CN': '办件', en: 'Cases' },
  'cases.startHeading': { 'zh-CN': '新建办件', en: 'Start a case' },
  'cases.startIntro': { 'zh-CN': '在本单位发起一件新的办件（如受理一件调解申请）。', en: 'Start a new case in your unit (for example, a mediation application).' },
  'cases.process': { 'zh-CN': '选择流程', en: 'Process' },
  'cases.start': { 'zh-CN': '发起办件', en: 'Start the case' },
  'cases.starting': { 'zh-CN': '正在发起…', en: 'Starting…' },
  'cases.noProcesses': { 'zh-CN': '尚无已发布的流程。', en: 'No process has been published yet.' },
  'cases.openHeading': { 'zh-CN': '按编号查看办件', en: 'Open a case by number' },
  'cases.open': { 'zh-CN': '查看', en: 'Open' },
  'cases.recentHeading': { 'zh-CN': '最近查看的办件', en: 'Recently viewed cases' },
  'cases.recentEmpty': { 'zh-CN': '您在本设备上尚未查看过办件。', en: 'You have not viewed any case on this device yet.' },
  'cases.listHeading': { 'zh-CN': '我可查看的办件', en: 'Cases you can see' },
  'cases.statusFilter': { 'zh-CN': '按状态筛选', en: 'Filter by status' },
  'cases.statusAll': { 'zh-CN': '全部', en: 'All' },
  'cases.count': { 'zh-CN': '已加载 {loaded} 件办件。', en: '{loaded} cases loaded.' },
  'cases.listEmpty': { 'zh-CN': '暂无您可查看的办件。', en: 'There are no cases for you to see.' },
  'cases.listEmptyStatus': { 'zh-CN': '没有“{status}”的办件。', en: 'No case is “{status}”.' },
  'cases.allLoaded': { 'zh-CN': '已全部加载。', en: 'All cases are loaded.' },
  'field.openTaskCount': { 'zh-CN': '待办事项数', en: 'Open tasks' },
  'case.title': { 'zh-CN': '办件：{process}', en: 'Case: {process}' },
  'case.openTasks': { 'zh-CN': '待办事项', en: 'Open tasks' },
  'case.noOpenTasks': { 'zh-CN': '当前没有待办事项。', en: 'No open tasks.' },
  'case.timeline': { 'zh-CN': '办理经过', en: 'Timeline' },
  'case.timelineEmpty': { 'zh-CN': '尚无记录。', en: 'Nothing recorded yet.' },
  'case.system': { 'zh-CN': '系统', en: 'system' },
  'case.by': { 'zh-CN': '办理人：{actor}', en: 'By {actor}' },
  'case.submitted': { 'zh-CN': '查看提交内容', en: 'What was submitted' },
  'case.item': { 'zh-CN': '第 {n} 项', en: 'Item {n}' },
  'case.yes': { 'zh-CN': '是', en: 'yes' },
  'case.no': { 'zh-CN': '否', en: 'no' },
  'case.emptyGroup': { 'zh-CN': '（无）', en: '(none)' },
  'status.active': { 'zh-CN': '办理中', en: 'In progress' },
  'status.done': { 'zh-CN': '已办结', en: 'Closed' },
  'status.cancelled': { 'zh-CN': '已撤销', en: 'Cancelled' },

  'error.title': { 'zh-CN': '出错了', en: 'Something went wrong' },
  'error.hint': { 'zh-CN': '建议：{hint}', en: 'What to do: {hint}' },
  'error.code': { 'zh-CN': '错误代码：{code}', en: 'Error code: {code}' },
  'error.network': { 'zh-CN': '无法连接服务器', en: 'The server cannot be reached' },
  'error.networkHint': { 'zh-CN': '请检查网络连接后重试', en: 'check the network connection and try again' },
  'error.http': { 'zh-CN': '服务器返回了意外的应答（HTTP {status}）', en: 'the server answered unexpectedly (HTTP {status})' },
  'error.httpHint': { 'zh-CN': '请稍后再试；如果一直出现，请联系管理员', en: 'try again later; if it keeps happening, tell the administrator' },
  'error.internal': { 'zh-CN': '页面出现内部错误', en: 'the page ran into an internal error' },
  'error.internalHint': { 'zh-CN': '请刷新页面后重试；如果一直出现，请联系管理员', en: 'reload the page and try again; if it keeps happening, tell the administrator' },
  'error.formUnavailable': { 'zh-CN': '此表单暂时无法在本页面中显示', en: 'this form cannot be shown on this page for now' },
  'error.formUnavailableCsp': { 'zh-CN': '浏览器的安全策略不允许本页生成表单校验程序；请告知管理员（需要预编译的表单校验）', en: "the browser's security policy does not let this page generate the form's validation code; tell the administrator (precompiled form validation is needed)" },
  'processes.title': { 'zh-CN': '流程', en: 'Processes' },
  'processes.intro': { 'zh-CN': '已发布的流程及其各个版本：查看流程图、编辑为新版本、模拟运行，或与上一版比较。', en: 'The published processes and their versions: see a diagram, edit a version into a new one, simulate it, or compare it with the version before.' },
  'processes.empty': { 'zh-CN': '尚无已发布的流程。', en: 'No process has been published yet.' },
  'processes.version': { 'zh-CN': '第 {version} 版', en: 'version {version}' },
  'processes.latest': { 'zh-CN': '（最新）', en: ' (latest)' },
  'processes.new': { 'zh-CN': '新建流程', en: 'New process' },
  'processes.diagram': { 'zh-CN': '流程图', en: 'Diagram' },
  'processes.editAsNew': { 'zh-CN': '编辑为新版本', en: 'Edit as new version' },
  'processes.simulate': { 'zh-CN': '模拟运行', en: 'Simulate' },
  'processes.compare': { 'zh-CN': '与上一版比较', en: 'Compare with previous' },
  'processes.actionOf': { 'zh-CN': '{action}（{version}）', en: '{action} ({version})' },
  'process.title': { 'zh-CN': '{process}（第 {version} 版）', en: '{process} (version {version})' },
  'process.problemCount': { 'zh-CN': '校验发现 {count} 个问题，已标注在相关步骤上。', en: 'Validation found {count} problems; they are marked on the steps they concern.' },
  'process.noProblems': { 'zh-CN': '校验通过，没有发现问题。', en: 'Validation found no problems.' },
  'process.otherProblems': { 'zh-CN': '不属于某个步骤的问题', en: 'Problems not about one step' },
  'case.diagram': { 'zh-CN': '流程图', en: 'Process diagram' },
  'flow.label': { 'zh-CN': '流程图：{process}', en: 'Process diagram: {process}' },
  'flow.loading': { 'zh-CN': '正在排布流程图…', en: 'Laying out the diagram…' },
  'flow.help': { 'zh-CN': '可拖动和缩放；按 Tab 键逐个查看步骤。', en: 'Drag to pan and scroll to zoom; press Tab to go through the steps.' },
  'flow.helpSelect': { 'zh-CN': '点击步骤，或按 Tab 键移到步骤上再按回车，即可在右侧编辑它。', en: 'Click a step, or Tab to it and press Enter, to edit it on the right.' },
  'flow.selected': { 'zh-CN': '已选中', en: 'selected' },
  'flow.a11yNode': { 'zh-CN': '流程图中的步骤；按 Tab 键移到下一个。', en: 'A step of the diagram; press Tab for the next one.' },
  'flow.a11yNodeSelect': { 'zh-CN': '按回车或空格键选中此步骤，并在属性面板中编辑它。', en: 'Press Enter or Space to select this step and edit it in the properties panel.' },
  'flow.a11yEdge': { 'zh-CN': '步骤之间的去向。', en: 'A route between steps.' },
  'flow.controls': { 'zh-CN': '缩放', en: 'Zoom' },
  'flow.zoomIn': { 'zh-CN': '放大', en: 'Zoom in' },
  'flow.zoomOut': { 'zh-CN': '缩小', en: 'Zoom out' },
  'flow.fitView': { 'zh-CN': '显示全图', en: 'Fit the whole diagram' },
  'flow.step': { 'zh-CN': '步骤 {title}', en: 'step {title}' },
  'flow.current': { 'zh-CN': '当前步骤', en: 'current step' },
  'flow.start': { 'zh-CN': '开始', en: 'start' },
  'flow.problem': { 'zh-CN': '问题', en: 'problem' },
  'flow.level': { 'zh-CN': '层级：{level}', en: 'level: {level}' },
  'flow.child': { 'zh-CN': '子流程：{id}', en: 'subprocess: {id}' },
  'flow.kind.task': { 'zh-CN': '任务', en: 'task' },
  'flow.kind.jointReview': { 'zh-CN': '联审', en: 'joint review' },
  'flow.kind.vote': { 'zh-CN': '表决', en: 'vote' },
  'flow.kind.notice': { 'zh-CN': '公示', en: 'notice' },
  'flow.kind.escalation': { 'zh-CN': '逐级上报', en: 'escalation' },
  'flow.kind.decision': { 'zh-CN': '判断', en: 'decision' },
  'flow.kind.wait': { 'zh-CN': '等待', en: 'wait' },
  'flow.kind.parallel': { 'zh-CN': '并行', en: 'parallel' },
  'flow.kind.subprocess': { 'zh-CN': '子流程', en: 'subprocess' },
  'flow.kind.end': { 'zh-CN': '结束', en: 'end' },
  'flow.branch': { 'zh-CN': '分支', en: 'branch' },
  'flow.rung': { 'zh-CN': '层级', en: 'rung' },
  'notFound.title': { 'zh-CN': '没有这个页面', en: 'Page not found' },
  'notFound.text': { 'zh-CN': '地址可能有误。', en: 'The address may be wrong.' },
} as const satisfies Record<string, LocalizedText>;

/**
 * Every message: the core's, and each large feature's own file (`features/<feature>/*Messages.ts`),
 * so that a feature's texts live beside it.
 */
export const MESSAGES = {
  ...CORE_MESSAGES,
  ...CASES_MESSAGES,
  ...COMPOSER_MESSAGES,
  ...SIMULATOR_MESSAGES,
  ...MONITOR_MESSAGES,
  ...VERSION_MESSAGES,
} as const satisfies Record<string, LocalizedText>;

export type MessageKey = keyof typeof MESSAGES;

/** Values for the `{name}` placeholders of a message. */
export type MessageParams = Record<string, string | number>;

/**
 * The message `key` in `locale`, with `{name}` placeholders filled from `params` (a placeholder
 * without a value stays as written, so a missing value is visible rather than silently empty).
 */
export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  return fill(MESSAGES[key][locale], params);
}

/** Fills `{name}` placeholders. */
export function fill(template: string, params: MessageParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The text of a server-supplied localized value in `locale` (a plain string is shown as it is). */
export function textIn(locale: Locale, text: LocalizedText | string | null | undefined): string {
  if (text === null || text === undefined) return '';
  if (typeof text === 'string') return text;
  return text[locale] || text['zh-CN'] || text.en || '';
}
