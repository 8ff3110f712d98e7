import type { RJSFSchema, UiSchema } from '@rjsf/utils';
import { userEvent } from 'vitest/browser';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TaskForm } from '@civicflow/forms/react';
import { $, button, byLabel, fakeUpload, mount, pickFiles, waitFor } from './harness.js';

function submit(host: HTMLElement): Promise<void> {
  return userEvent.click(button(host, '提交'));
}

function form(properties: Record<string, RJSFSchema>, required: string[] = []): RJSFSchema {
  return { type: 'object', properties, required };
}

async function submitted(host: HTMLElement, onSubmit: ReturnType<typeof vi.fn>): Promise<unknown> {
  await submit(host);
  await waitFor(() => expect(onSubmit).toHaveBeenCalled());
  return onSubmit.mock.calls.at(-1)![0];
}

describe('cf-file and cf-photo', () => {
  const schema = form(
    {
      evidence: { type: 'string', title: '证据材料', format: 'cf-attachment', 'x-cf-accept': ['application/pdf'] } as RJSFSchema,
      scene: { type: 'string', title: '现场照片', format: 'cf-attachment', 'x-cf-accept': ['image/*'] } as RJSFSchema,
    },
    ['evidence'],
  );
  const uiSchema: UiSchema = { evidence: { 'ui:widget': 'cf-file' }, scene: { 'ui:widget': 'cf-photo' } };

  it('uploads through the host port and stores only the returned attachment id', async () => {
    const upload = fakeUpload();
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} uploadFile={upload.uploadFile} onSubmit={onSubmit} />);
    const input = byLabel(host, '证据材料');
    expect(input.type).toBe('file');
    expect(input.accept).toBe('application/pdf');
    pickFiles(input, [new File(['%PDF-1.7 调解申请'], '申请书.pdf', { type: 'application/pdf' })]);
    await waitFor(() => expect(host.textContent).toContain('已上传：申请书.pdf'));
    expect(upload.files.map((f) => f.name)).toEqual(['申请书.pdf']);

    const data = await submitted(host, onSubmit);
    expect(data).toEqual({ evidence: 'att_test000001' });
    expect(JSON.stringify(data)).not.toMatch(/base64|data:|PDF/);
  });

  it('removes an attachment with its button, after which the required field is reported', async () => {
    const upload = fakeUpload();
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} uploadFile={upload.uploadFile} formData={{ evidence: 'att_existing01' }} onSubmit={onSubmit} />);
    expect(host.textContent).toContain('已上传：att_existing01');
    await userEvent.click($(host, 'button[aria-label="移除 证据材料"]'));
    await submit(host);
    await waitFor(() => expect($(host, '.cf-error-summary').textContent).toContain('请填写证据材料（此项必填）'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('photo: previews the picture from a local object URL and stores the id', async () => {
    const upload = fakeUpload();
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} uploadFile={upload.uploadFile} formData={{ evidence: 'att_existing01' }} onSubmit={onSubmit} />);
    const input = byLabel(host, '现场照片');
    expect(input.accept).toBe('image/*');
    const png = await new Promise<Blob>((resolve) => {
      const c = document.createElement('canvas');
      c.width = c.height = 4;
      c.toBlob((b) => resolve(b!), 'image/png');
    });
    pickFiles(input, [new File([png], '现场.png', { type: 'image/png' })]);
    const img = await waitFor(() => $<HTMLImageElement>(host, 'img.cf-attachment__preview'));
    expect(img.src).toMatch(/^blob:/);
    expect(img.alt).toBe('现场照片的预览');
    expect(await submitted(host, onSubmit)).toEqual({ evidence: 'att_existing01', scene: 'att_test000001' });
  });

  it('refuses an upload answer that is not an attachment id, and explains a failed upload', async () => {
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} uploadFile={async () => ({ id: 'data:application/pdf;base64,JVBERi0=' })} />);
    pickFiles(byLabel(host, '证据材料'), [new File(['x'], 'a.pdf', { type: 'application/pdf' })]);
    await waitFor(() => expect(host.textContent).toContain('没有返回有效的附件编号'));
    const failing = mount(<TaskForm schema={schema} uiSchema={uiSchema} uploadFile={() => Promise.reject(new Error('offline'))} />);
    pickFiles(byLabel(failing, '证据材料'), [new File(['x'], 'a.pdf', { type: 'application/pdf' })]);
    await waitFor(() => expect(failing.textContent).toContain('上传失败，请检查网络后重试。'));
  });
});

describe('cf-date and cf-datetime', () => {
  const schema = form({
    held_on: { type: 'string', title: '调解日期', format: 'date' },
    held_at: { type: 'string', title: '调解时间', format: 'date-time' },
  });
  const uiSchema: UiSchema = { held_on: { 'ui:widget': 'cf-date' }, held_at: { 'ui:widget': 'cf-datetime' } };

  it('stores the date as YYYY-MM-DD and the date-time with +08:00', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} onSubmit={onSubmit} />);
    await userEvent.fill(byLabel(host, '调解日期'), '2027-05-28');
    await userEvent.fill(byLabel(host, '调解时间'), '2027-05-28');
    await userEvent.fill($(host, 'input[aria-label="调解时间 时间"]'), '09:30');
    expect(await submitted(host, onSubmit)).toEqual({ held_on: '2027-05-28', held_at: '2027-05-28T09:30:00+08:00' });
  });

  it('shows a value stored in another offset as Shanghai time, and "现在" gives +08:00', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={uiSchema} formData={{ held_at: '2027-05-27T17:30:00Z' }} onSubmit={onSubmit} />);
    expect(byLabel(host, '调解时间').value).toBe('2027-05-28');
    expect($<HTMLInputElement>(host, 'input[aria-label="调解时间 时间"]').value).toBe('01:30');
    await userEvent.click($(host, 'button[aria-label="调解时间：现在"]'));
    await userEvent.click($(host, 'button[aria-label="调解日期：今天"]'));
    const data = (await submitted(host, onSubmit)) as { held_at: string; held_on: string };
    expect(data.held_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(data.held_on).toBe(data.held_at.slice(0, 10));
  });

  it('plain format: date-time fields (no uiSchema, as in the examples) get the same widget', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} onSubmit={onSubmit} />);
    await userEvent.fill(byLabel(host, '调解时间'), '2027-01-02');
    await userEvent.fill($(host, 'input[aria-label="调解时间 时间"]'), '23:05');
    expect(await submitted(host, onSubmit)).toEqual({ held_at: '2027-01-02T23:05:00+08:00' });
  });
});

describe('cf-money', () => {
  it('reads 8,000.5 as 8000.5 and shows two decimals after leaving the field', async () => {
    const onSubmit = vi.fn();
    const schema = form({ amount: { type: 'number', title: '涉及金额（元）', minimum: 0, multipleOf: 0.01 } });
    const host = mount(<TaskForm schema={schema} onSubmit={onSubmit} />);
    const input = byLabel(host, '涉及金额（元）');
    expect(input.inputMode).toBe('decimal');
    await userEvent.fill(input, '8,000.5');
    await userEvent.tab();
    expect(input.value).toBe('8000.50');
    expect(await submitted(host, onSubmit)).toEqual({ amount: 8000.5 });
  });

  it('leaves a third decimal to the validator instead of rounding money', async () => {
    const schema = form({ amount: { type: 'number', title: '金额', minimum: 0, multipleOf: 0.01 } });
    const host = mount(<TaskForm schema={schema} uiSchema={{ amount: { 'ui:widget': 'cf-money' } }} onSubmit={() => {}} />);
    await userEvent.fill(byLabel(host, '金额'), '10.005');
    await submit(host);
    await waitFor(() => expect($(host, '.cf-error-summary').textContent).toContain('金额：必须是 0.01 的整数倍'));
  });
});

describe('cf-signature', () => {
  const schema = form({ sig: { type: 'string', title: '当事人签名', format: 'cf-attachment', 'x-cf-signature': true } as RJSFSchema }, ['sig']);

  it('draws with pointer events and uploads the pad as a PNG, storing the id', async () => {
    const upload = fakeUpload();
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uploadFile={upload.uploadFile} onSubmit={onSubmit} />);
    const pad = $<HTMLCanvasElement>(host, 'canvas');
    expect(pad.getAttribute('aria-label')).toBe('当事人签名：手写签名区域');
    const r = pad.getBoundingClientRect();
    const at = (type: string, x: number, y: number): boolean =>
      pad.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerId: 1, clientX: r.left + x, clientY: r.top + y, isPrimary: true }));
    at('pointerdown', 10, 10);
    at('pointermove', 60, 40);
    at('pointermove', 120, 20);
    at('pointerup', 120, 20);
    await userEvent.click(button(host, '确认签名'));
    await waitFor(() => expect(host.textContent).toContain('已保存签名'));
    expect(upload.files[0]!.type).toBe('image/png');
    expect(upload.files[0]!.size).toBeGreaterThan(100);
    expect(await submitted(host, onSubmit)).toEqual({ sig: 'att_test000001' });
  });

  it('lets keyboard users type the name instead (the typed-name box has the field label)', async () => {
    const upload = fakeUpload();
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uploadFile={upload.uploadFile} onSubmit={onSubmit} />);
    await userEvent.click(button(host, '确认签名'));
    await waitFor(() => expect(host.textContent).toContain('请先签名或输入姓名。'));
    const typed = $<HTMLInputElement>(host, '#root_sig');
    expect(typed.getAttribute('aria-labelledby')).toBe('root_sig__label root_sig__typed-label');
    await userEvent.fill(typed, '张三');
    await userEvent.click(button(host, '确认签名'));
    await waitFor(() => expect(host.textContent).toContain('已保存签名'));
    expect(upload.files[0]!.type).toBe('image/png');
    expect(await submitted(host, onSubmit)).toEqual({ sig: 'att_test000001' });
  });
});

describe('cf-geo', () => {
  const geo = {
    type: 'object',
    title: '事发位置',
    'x-cf-geo': true,
    required: ['lat', 'lng', 'crs'],
    properties: { lat: { type: 'number', minimum: -90, maximum: 90 }, lng: { type: 'number', minimum: -180, maximum: 180 }, crs: { type: 'string', enum: ['GCJ-02', 'CGCS2000', 'WGS-84'] } },
    additionalProperties: false,
  } as RJSFSchema;
  const schema = form({ place: geo }, ['place']);
  afterEach(() => vi.restoreAllMocks());

  it('takes typed coordinates and a coordinate system', async () => {
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} uiSchema={{ place: { 'ui:widget': 'cf-geo' } }} onSubmit={onSubmit} />);
    expect($(host, 'fieldset#root_place legend').textContent).toContain('事发位置');
    await userEvent.fill(byLabel(host, '纬度'), '28.2');
    await userEvent.fill(byLabel(host, '经度'), '112.9');
    await userEvent.selectOptions(byLabel<HTMLSelectElement>(host, '坐标系'), 'GCJ-02');
    expect(await submitted(host, onSubmit)).toEqual({ place: { lat: 28.2, lng: 112.9, crs: 'GCJ-02' } });
  });

  it('"使用我的位置" fills in the device position as WGS-84; a latitude out of range is reported at the latitude', async () => {
    vi.spyOn(navigator.geolocation, 'getCurrentPosition').mockImplementation((ok) => ok({ coords: { latitude: 28.1234567, longitude: 112.9876543 } } as GeolocationPosition));
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} onSubmit={onSubmit} />);
    await userEvent.click(button(host, '使用我的位置'));
    expect(await submitted(host, onSubmit)).toEqual({ place: { lat: 28.123457, lng: 112.987654, crs: 'WGS-84' } });

    await userEvent.fill(byLabel(host, '纬度'), '95');
    await submit(host);
    await waitFor(() => expect($(host, '#root_place_lat__error').textContent).toContain('不能大于 90'));
    const link = [...$(host, '.cf-error-summary').querySelectorAll('a')].find((a) => a.textContent?.includes('不能大于 90'))!;
    await userEvent.click(link);
    expect(document.activeElement).toBe(byLabel(host, '纬度'));
  });
});

describe('computed values and choices', () => {
  it('computes readOnly x-cf-compute fields with the engine expression language and submits them', async () => {
    const schema = form({
      valid: { type: 'integer', title: '有效票', minimum: 0 },
      invalid: { type: 'integer', title: '无效票', minimum: 0 },
      returned: { type: 'integer', title: '收回选票数', readOnly: true, 'x-cf-compute': 'form.valid + form.invalid' } as RJSFSchema,
    });
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} onSubmit={onSubmit} />);
    const total = byLabel(host, '收回选票数');
    expect(total.readOnly).toBe(true);
    await userEvent.fill(byLabel(host, '有效票'), '120');
    await userEvent.fill(byLabel(host, '无效票'), '3');
    await waitFor(() => expect(total.value).toBe('123'));
    expect(await submitted(host, onSubmit)).toEqual({ valid: 120, invalid: 3, returned: 123 });
  });

  it('shows oneOf titles as labels (radio for few options, select for many) and submits the const', async () => {
    const schema = form({
      decision: { type: 'string', title: '处理决定', oneOf: [{ const: '成立-更正名单', title: '成立，更正名单' }, { const: '不成立', title: '不成立' }] },
      basis: { type: 'string', title: '依据', oneOf: ['A', 'B', 'C', 'D', 'E'].map((c) => ({ const: c, title: `条款${c}` })) },
      sealed: { type: 'boolean', title: '选票已封存', const: true },
    });
    const onSubmit = vi.fn();
    const host = mount(<TaskForm schema={schema} onSubmit={onSubmit} />);
    const group = $(host, '[role=radiogroup]');
    expect(group.getAttribute('aria-labelledby')).toBe('root_decision__label');
    // Nothing is chosen or ticked for the person: constants are not defaults.
    expect(host.querySelector('input[type=radio]:checked')).toBeNull();
    expect($<HTMLInputElement>(host, '#root_sealed').checked).toBe(false);
    await userEvent.click(byLabel(host, '成立，更正名单'));
    await userEvent.selectOptions(byLabel<HTMLSelectElement>(host, '依据'), '条款C');
    await userEvent.click($(host, '#root_sealed'));
    expect(await submitted(host, onSubmit)).toEqual({ decision: '成立-更正名单', basis: 'C', sealed: true });
  });
});
