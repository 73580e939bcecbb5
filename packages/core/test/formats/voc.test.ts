import { describe, expect, it } from 'vitest';
import { escapeXml, readVoc, writeVoc } from '../../src/formats/index.js';
import { expectFormatError } from './helpers.js';

const voc = `<?xml version="1.0"?>
<annotation>
  <folder>VOC2007</folder>
  <filename>000001.jpg</filename>
  <source><database>The VOC2007 Database</database></source>
  <size><width>200</width><height>100</height><depth>3</depth></size>
  <segmented>0</segmented>
  <object>
    <name>dog</name>
    <pose>Left</pose>
    <truncated>1</truncated>
    <difficult>0</difficult>
    <bndbox><xmin>1</xmin><ymin>1</ymin><xmax>100</xmax><ymax>50</ymax></bndbox>
  </object>
  <object>
    <name>R&amp;D &lt;robot&gt;</name>
    <difficult>1</difficult>
    <bndbox><xmin>51</xmin><ymin>26</ymin><xmax>250</xmax><ymax>75.5</ymax></bndbox>
  </object>
</annotation>
`;

describe('Pascal VOC reader', () => {
  it('converts 1-based inclusive pixel boxes to percent', () => {
    const task = readVoc(voc);
    expect(task.data).toEqual({ image: '000001.jpg' });
    expect(task.meta).toEqual({ original_width: 200, original_height: 100 });
    const [dog, robot] = task.annotations?.[0]?.result ?? [];
    // xmin 1 … xmax 100 covers pixels 1…100 = continuous 0…100 of 200 → x 0 %, width 50 %
    // ymin 1 … ymax 50 covers rows 1…50 = 0…50 of 100 → y 0 %, height 50 %
    expect(dog).toEqual({
      id: 'voc-1', from_name: 'label', to_name: 'image', type: 'rectanglelabels', original_width: 200, original_height: 100,
      value: { x: 0, y: 0, width: 50, height: 50, rotation: 0, rectanglelabels: ['dog'] },
      meta: { pose: 'Left', truncated: 1, difficult: 0 },
    });
    // xmin 51 → left edge 50 = 25 %; xmax 250 is past the 200-px image → clipped to 100 %;
    // ymin 26 → 25 %, ymax 75.5 → 75.5 %
    expect(robot).toMatchObject({ value: { x: 25, y: 25, width: 75, height: 50.5, rectanglelabels: ['R&D <robot>'] }, meta: { difficult: 1 } });
  });

  it('takes the image path and names from options', () => {
    const task = readVoc(voc, { image: 's3://bucket/000001.jpg', dataKey: 'img', fromName: 'box', as: 'predictions' });
    expect(task.data).toEqual({ img: 's3://bucket/000001.jpg' });
    expect(task.predictions?.[0]?.result[0]).toMatchObject({ from_name: 'box' });
  });

  it('rejects DOCTYPE and ENTITY declarations before parsing them', async () => {
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<annotation><filename>&lol2;</filename></annotation>`;
    const error = await expectFormatError(() => readVoc(laughs), 'voc', /<!DOCTYPE> declarations are not allowed/);
    expect(error.line).toBe(2);
    const xxe = '<annotation><!ENTITY xxe SYSTEM "file:///etc/passwd"></annotation>';
    await expectFormatError(() => readVoc(xxe), 'voc', /<!ENTITY> declarations are not allowed/);
    await expectFormatError(() => readVoc('<annotation><filename>&xxe;</filename></annotation>'), 'voc', /malformed XML/);
  });

  it('caps nesting depth and size', async () => {
    const deep = `${'<a>'.repeat(100)}${'</a>'.repeat(100)}`;
    await expectFormatError(() => readVoc(deep), 'voc', /nested more than 16 levels/);
    await expectFormatError(() => readVoc(`<annotation>${' '.repeat(10_000_001)}</annotation>`), 'voc', /the limit is 10000000/);
  });

  it('names the line of what is missing or malformed', async () => {
    await expectFormatError(() => readVoc('<annotation>\n<filename>a.jpg</filename>\n</annotation>'), 'voc', /line 1: <annotation> has no <size>/);
    await expectFormatError(() => readVoc(voc.replace('<xmax>100</xmax>', '<xmax>ten</xmax>')), 'voc', /line 13 at annotation\.object\[0\]\.bndbox\.xmax: <xmax> is "ten", not a number/);
    await expectFormatError(() => readVoc(voc.replace('<xmax>100</xmax>', '<xmax>-5</xmax>')), 'voc', /ends before it starts/);
    await expectFormatError(() => readVoc(voc.replace('<name>dog</name>', '')), 'voc', /<object> has no <name>/);
    await expectFormatError(() => readVoc('<annotation><size>'), 'voc', /malformed XML/);
    await expectFormatError(() => readVoc('<voc/>'), 'voc', /expected <annotation>/);
    await expectFormatError(() => readVoc(''), 'voc', /no root element|malformed/);
  });
});

describe('Pascal VOC writer', () => {
  it('writes escaped XML with 1-based inclusive bounds that reads back', () => {
    const task = readVoc(voc);
    const xml = writeVoc({ ...task, data: { image: 'uploads/7/000001.jpg' } });
    expect(xml).toContain('<filename>000001.jpg</filename>');
    expect(xml).toContain('<name>R&amp;D &lt;robot&gt;</name>');
    // x 0 … 50 % of 200 = 0 … 100 px → xmin 0 + 1 = 1, xmax 100
    expect(xml).toContain('<bndbox>\n\t\t\t<xmin>1</xmin>\n\t\t\t<ymin>1</ymin>\n\t\t\t<xmax>100</xmax>\n\t\t\t<ymax>50</ymax>');
    expect(xml).toContain('<pose>Left</pose>\n\t\t<truncated>1</truncated>\n\t\t<difficult>0</difficult>');
    // 75.5 is not a whole pixel: rounded to 76 by default, kept with decimals: 1
    expect(xml).toContain('<ymax>76</ymax>');
    // the writer fills in VOC's defaults (pose Unspecified, truncated 0) where the region had none
    const again = readVoc(writeVoc(task, { decimals: 1 }));
    expect(again.annotations).toMatchObject(task.annotations ?? []);
    expect(again.annotations?.[0]?.result[1]?.meta).toEqual({ pose: 'Unspecified', truncated: 0, difficult: 1 });
  });

  it('writes polygons and rotated boxes as their bounds', () => {
    const polygon = { id: 'p', from_name: 'label', to_name: 'image', type: 'polygonlabels', value: { points: [[10, 20], [60, 20], [30, 80]], polygonlabels: ['road'] } };
    const xml = writeVoc({ data: { image: 'a.png' }, meta: { original_width: 100, original_height: 10 }, annotations: [{ result: [polygon] }] });
    // x 10…60 % of 100 = 10…60 px → xmin 11, xmax 60; y 20…80 % of 10 = 2…8 px → ymin 3, ymax 8
    expect(xml).toContain('<xmin>11</xmin>\n\t\t\t<ymin>3</ymin>\n\t\t\t<xmax>60</xmax>\n\t\t\t<ymax>8</ymax>');
  });

  it('escapes every special character and drops characters XML cannot hold', () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>\u0001\ud800`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;\ufffd\ufffd');
  });

  it('needs the image size', async () => {
    await expectFormatError(() => writeVoc({ data: { image: 'a.png' } }, {}, 3), 'voc', /tasks\[3\]: the image size is unknown/);
    expect(writeVoc({ data: { image: 'a.png' } }, { imageSize: () => ({ width: 4, height: 3 }) })).toContain('<width>4</width>');
  });
});
