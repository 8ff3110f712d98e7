import type { Locale } from '@civicflow/engine';
import { TranslatableString, englishStringTranslator, replaceStringParameters } from '@rjsf/utils';

/** The interface text of the task form and its widgets (not authored text: that comes from the schema). */
export interface UiText {
  submit: string;
  submitting: string;
  errorSummaryTitle: string;
  errorSummaryIntro: (count: number) => string;
  required: string;
  add: (item: string) => string;
  addItem: string;
  remove: string;
  removeItem: (item: string) => string;
  moveUp: string;
  moveDown: string;
  copy: string;
  clear: string;
  itemLabel: (list: string, n: number) => string;
  emptyList: string;
  choose: string;
  today: string;
  now: string;
  date: string;
  time: string;
  yuan: string;
  moneyHint: string;
  chooseFile: string;
  choosePhoto: string;
  uploading: string;
  uploaded: (name: string) => string;
  uploadFailed: string;
  uploadUnavailable: string;
  uploadBadId: string;
  removeFile: string;
  photoPreview: (label: string) => string;
  accepts: (types: string) => string;
  signatureInstructions: string;
  signaturePad: (label: string) => string;
  signatureClear: string;
  signatureConfirm: string;
  signatureTyped: string;
  signatureTypedHint: string;
  signatureEmpty: string;
  signatureSaved: string;
  signatureRedo: string;
  latitude: string;
  longitude: string;
  crs: string;
  crsNames: Record<string, string>;
  useMyLocation: string;
  locating: string;
  located: string;
  locationFailed: string;
  locationUnavailable: string;
  computed: string;
  unsupported: (reason: string) => string;
}

const ZH: UiText = {
  submit: '提交',
  submitting: '正在提交…',
  errorSummaryTitle: '提交前请修改以下问题',
  errorSummaryIntro: (n) => `共 ${n} 处需要修改，点击可跳到对应的填写项。`,
  required: '（必填）',
  add: (item) => `添加${item}`,
  addItem: '添加一项',
  remove: '删除',
  removeItem: (item) => `删除${item}`,
  moveUp: '上移',
  moveDown: '下移',
  copy: '复制',
  clear: '清空',
  itemLabel: (list, n) => `${list}（第 ${n} 项）`,
  emptyList: '还没有填写，请点击下方按钮添加。',
  choose: '请选择',
  today: '今天',
  now: '现在',
  date: '日期',
  time: '时间',
  yuan: '元',
  moneyHint: '以元为单位，最多两位小数',
  chooseFile: '选择文件',
  choosePhoto: '拍照或选择照片',
  uploading: '正在上传…',
  uploaded: (name) => `已上传：${name}`,
  uploadFailed: '上传失败，请检查网络后重试。',
  uploadUnavailable: '暂时无法上传附件，请联系管理员。',
  uploadBadId: '上传失败：服务器没有返回有效的附件编号，请重试。',
  removeFile: '移除',
  photoPreview: (label) => `${label}的预览`,
  accepts: (types) => `可上传：${types}`,
  signatureInstructions: '请用手指或鼠标在下面的方框内签名，然后点击“确认签名”。不方便手写时，可在下方输入姓名代替。',
  signaturePad: (label) => `${label}：手写签名区域`,
  signatureClear: '清除重写',
  signatureConfirm: '确认签名',
  signatureTyped: '输入姓名代替手写签名',
  signatureTypedHint: '输入姓名后点击“确认签名”，系统会生成签名图片。',
  signatureEmpty: '请先签名或输入姓名。',
  signatureSaved: '已保存签名',
  signatureRedo: '重新签名',
  latitude: '纬度',
  longitude: '经度',
  crs: '坐标系',
  crsNames: { 'GCJ-02': 'GCJ-02（高德、腾讯地图）', CGCS2000: 'CGCS2000（天地图、国家大地坐标系）', 'WGS-84': 'WGS-84（GPS 定位）' },
  useMyLocation: '使用我的位置',
  locating: '正在定位…',
  located: '已填入当前位置（WGS-84）',
  locationFailed: '无法获取位置，请检查定位权限，或手动填写。',
  locationUnavailable: '此设备不支持定位，请手动填写。',
  computed: '自动计算',
  unsupported: (reason) => `此项暂不支持在表单中填写（${reason}）`,
};

const EN: UiText = {
  submit: 'Submit',
  submitting: 'Submitting…',
  errorSummaryTitle: 'Please fix the following before submitting',
  errorSummaryIntro: (n) => `${n} ${n === 1 ? 'problem' : 'problems'}; select one to go to the field.`,
  required: ' (required)',
  add: (item) => `Add ${item}`,
  addItem: 'Add an item',
  remove: 'Remove',
  removeItem: (item) => `Remove ${item}`,
  moveUp: 'Move up',
  moveDown: 'Move down',
  copy: 'Copy',
  clear: 'Clear',
  itemLabel: (list, n) => `${list} (item ${n})`,
  emptyList: 'Nothing yet: use the button below to add one.',
  choose: 'Choose…',
  today: 'Today',
  now: 'Now',
  date: 'date',
  time: 'time',
  yuan: 'yuan',
  moneyHint: 'In yuan, at most two decimals',
  chooseFile: 'Choose a file',
  choosePhoto: 'Take or choose a photo',
  uploading: 'Uploading…',
  uploaded: (name) => `Uploaded: ${name}`,
  uploadFailed: 'The upload failed; check the connection and try again.',
  uploadUnavailable: 'Attachments cannot be uploaded right now; please tell the administrator.',
  uploadBadId: 'The upload failed: the server returned no valid attachment id; please try again.',
  removeFile: 'Remove',
  photoPreview: (label) => `Preview of ${label}`,
  accepts: (types) => `Accepted: ${types}`,
  signatureInstructions: 'Sign in the box below with a finger or the mouse, then choose “Confirm signature”. If you cannot draw, type the name below instead.',
  signaturePad: (label) => `${label}: signature pad`,
  signatureClear: 'Clear',
  signatureConfirm: 'Confirm signature',
  signatureTyped: 'Type the name instead of drawing',
  signatureTypedHint: 'Type the name, then choose “Confirm signature”: an image of it is made.',
  signatureEmpty: 'Please sign or type the name first.',
  signatureSaved: 'Signature saved',
  signatureRedo: 'Sign again',
  latitude: 'Latitude',
  longitude: 'Longitude',
  crs: 'Coordinate system',
  crsNames: { 'GCJ-02': 'GCJ-02 (Amap, Tencent maps)', CGCS2000: 'CGCS2000 (Tianditu, national datum)', 'WGS-84': 'WGS-84 (GPS)' },
  useMyLocation: 'Use my location',
  locating: 'Locating…',
  located: 'Current location filled in (WGS-84)',
  locationFailed: 'The location is not available; check the permission or type it in.',
  locationUnavailable: 'This device cannot locate; please type the coordinates.',
  computed: 'Calculated',
  unsupported: (reason) => `This field cannot be filled in here (${reason})`,
};

/** The interface text for a locale (zh-CN unless `en`). */
export function uiText(locale: Locale | undefined): UiText {
  return locale === 'en' ? EN : ZH;
}

const ZH_RJSF: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: '项',
  [TranslatableString.MissingItems]: '缺少列表项的定义',
  [TranslatableString.EmptyArray]: ZH.emptyList,
  [TranslatableString.YesLabel]: '是',
  [TranslatableString.NoLabel]: '否',
  [TranslatableString.CloseLabel]: '关闭',
  [TranslatableString.ErrorsLabel]: ZH.errorSummaryTitle,
  [TranslatableString.NewStringDefault]: '新值',
  [TranslatableString.AddButton]: '添加',
  [TranslatableString.AddItemButton]: ZH.addItem,
  [TranslatableString.CopyButton]: ZH.copy,
  [TranslatableString.MoveDownButton]: ZH.moveDown,
  [TranslatableString.MoveUpButton]: ZH.moveUp,
  [TranslatableString.RemoveButton]: ZH.remove,
  [TranslatableString.NowLabel]: ZH.now,
  [TranslatableString.ClearLabel]: '清除',
  [TranslatableString.AriaDateLabel]: '选择日期',
  [TranslatableString.PreviewLabel]: '预览',
  [TranslatableString.DecrementAriaLabel]: '减 1',
  [TranslatableString.IncrementAriaLabel]: '加 1',
  [TranslatableString.OptionalObjectAdd]: '填写此项',
  [TranslatableString.OptionalObjectRemove]: '不填此项',
  [TranslatableString.OptionalObjectEmptyMsg]: '未填写',
  [TranslatableString.ClearButton]: '清空',
  [TranslatableString.OptionPrefix]: '选项 %1',
  [TranslatableString.TitleOptionPrefix]: '%1 选项 %2',
  [TranslatableString.UnsupportedField]: '此项暂不支持在表单中填写。',
};

/** rjsf's `translateString` for a locale: Chinese for zh-CN, rjsf's English otherwise. */
export function createTranslateString(locale: Locale): (key: TranslatableString, params?: string[]) => string {
  if (locale === 'en') return englishStringTranslator;
  return (key, params) => {
    const zh = ZH_RJSF[key];
    return zh === undefined ? englishStringTranslator(key, params) : replaceStringParameters(zh, params);
  };
}
