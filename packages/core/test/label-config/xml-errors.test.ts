import { describe, expect, it } from 'vitest';
import { LabelConfigError, XML_LIMITS, labelConfigFromXml, parseLabelConfig } from '../../src/label-config/index.js';

/** Runs `fn`, expects a LabelConfigError and returns it. */
function errorOf(fn: () => unknown): LabelConfigError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(LabelConfigError);
    return error as LabelConfigError;
  }
  throw new Error('expected a LabelConfigError, but nothing was thrown');
}

const IMAGE_BOX = (label: string) => `<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="label" toName="image">
${label}
  </RectangleLabels>
</View>`;

describe('unknown tags and attributes', () => {
  it('names an unknown tag and its line', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n  <Image name="i" value="$i"/>\n  <Foo/>\n</View>'));
    expect(error.message).toBe('unknown tag <Foo> at line 3');
    expect(error.line).toBe(3);
    expect(error.column).toBe(3);
  });

  it('names an unknown attribute, its tag and its line', () => {
    const error = errorOf(() => labelConfigFromXml(IMAGE_BOX('    <Label value="Car"/>\n    <Label value="Bus" colour="red"/>')));
    expect(error.message).toBe('unknown attribute "colour" on <Label> at line 5');
    expect(error.line).toBe(5);
  });

  it('reports the line of the attribute, not of its tag, when a tag spans lines', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n  <Image name="i"\n         value="$i"\n         zoomm="true"/>\n</View>'));
    expect(error.message).toBe('unknown attribute "zoomm" on <Image> at line 4');
  });

  it('reports the line of the tag name when the name ends the line', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n\n  <Bar\n    x="1"/>\n</View>'));
    expect(error.message).toBe('unknown tag <Bar> at line 3');
  });

  it('treats tag and attribute names case-sensitively, as Label Studio documents them', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<image name="i" value="$i"/></View>')).message).toBe('unknown tag <image> at line 2');
    expect(errorOf(() => labelConfigFromXml('<View><Text name="t" value="$t"/>\n<Choices name="c" toname="t"/></View>')).message)
      .toBe('unknown attribute "toname" on <Choices> at line 2');
  });

  it('does not mistake Object.prototype members for known tags or attributes', () => {
    expect(errorOf(() => labelConfigFromXml('<View><constructor/></View>')).message).toBe('unknown tag <constructor> at line 1');
    expect(errorOf(() => labelConfigFromXml('<View><Image name="i" value="$i" toString="x"/></View>')).message)
      .toBe('unknown attribute "toString" on <Image> at line 1');
  });

  it('rejects an attribute Label Studio documents but Laoshi cannot honour', () => {
    const error = errorOf(() => labelConfigFromXml('<View><Text name="t" value="$t"/>\n<Choices name="c" toName="t" value="$options"/></View>'));
    expect(error.message).toBe('attribute "value" on <Choices> at line 2 is not supported by Laoshi');
  });
});

describe('DTDs and entities', () => {
  it('rejects a DOCTYPE with an internal subset (XXE)', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE View [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<View><Header value="&xxe;"/></View>';
    const error = errorOf(() => parseLabelConfig(xml));
    expect(error.message).toMatch(/<!DOCTYPE> declarations are not allowed/);
    expect(error.line).toBe(2);
  });

  it('rejects the billion laughs quickly', () => {
    const lol = ['<!DOCTYPE lolz [', '<!ENTITY lol "lol">'];
    for (let i = 1; i < 10; i++) lol.push(`<!ENTITY lol${i} "${`&lol${i - 1 || ''};`.repeat(10)}">`);
    lol.push(']>', '<View><Header value="&lol9;"/></View>');
    const started = Date.now();
    expect(errorOf(() => labelConfigFromXml(lol.join('\n'))).message).toMatch(/DOCTYPE/);
    expect(Date.now() - started).toBeLessThan(10_000); // a hang guard, generous for loaded CI machines
  });

  it('rejects a stray ENTITY declaration even without a DOCTYPE', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<!ENTITY a "b"></View>')).message).toBe('<!ENTITY> declarations are not allowed in a label config (line 2)');
  });

  it('rejects an undefined entity reference as malformed XML', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n<Header value="&nope;"/></View>'));
    expect(error.message).toMatch(/^malformed XML: .*entity.* at line 2$/);
  });
});

describe('malformed XML and limits', () => {
  it('gives the line of a mismatched closing tag', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n  <Image name="i" value="$i">\n</View>'));
    expect(error.message).toMatch(/^malformed XML: .* at line 3$/);
    expect(error.line).toBe(3);
  });

  it('rejects an unclosed root', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<Image name="i" value="$i"/>')).message).toMatch(/^malformed XML: unclosed tag: View/);
  });

  it('rejects duplicate attributes, also under another spelling', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<Image name="i" name="j"/></View>')).message).toBe('duplicate attribute "name" on <Image> at line 2');
    expect(errorOf(() => labelConfigFromXml('<View>\n<Video name="v" value="$v" frameRate="25"\n framerate="30"/></View>')).message)
      .toBe('attribute "framerate" on <Video> repeats "frameRate" at line 3');
  });

  it('rejects input over the size limit before parsing it', () => {
    const xml = `<View><Header value="${'x'.repeat(XML_LIMITS.maxChars)}"/></View>`;
    expect(errorOf(() => labelConfigFromXml(xml)).message).toMatch(/too large/);
  });

  it('rejects nesting deeper than the limit', () => {
    const depth = XML_LIMITS.maxDepth + 1;
    const xml = `${'<View>\n'.repeat(depth)}${'</View>'.repeat(depth)}`;
    const error = errorOf(() => labelConfigFromXml(xml));
    expect(error.message).toBe(`<View> is nested too deeply (more than ${XML_LIMITS.maxDepth} levels) at line ${depth}`);
  });

  it('rejects stray text outside <Header> and <Style>', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n  <Header>Title is fine</Header>\n  oops\n</View>')).message)
      .toBe('unexpected text "oops" inside <View> at line 3');
  });

  it('requires <View> as the root tag', () => {
    expect(errorOf(() => labelConfigFromXml('<Image name="i" value="$i"/>')).message).toBe('the root tag must be <View>, found <Image> at line 1');
  });
});

describe('structure and attribute values', () => {
  it('requires items inside the right control', () => {
    const error = errorOf(() => labelConfigFromXml('<View><Text name="t" value="$t"/>\n<Choices name="c" toName="t">\n  <Label value="A"/>\n</Choices></View>'));
    expect(error.message).toBe('<Label> must be inside <Labels>, <RectangleLabels>, <PolygonLabels> or <KeyPointLabels> at line 3');
  });

  it('forbids controls inside controls', () => {
    expect(errorOf(() => labelConfigFromXml(IMAGE_BOX('    <Choices name="c" toName="image"><Choice value="x"/></Choices>'))).message)
      .toBe('<Choices> cannot be inside <RectangleLabels> at line 4');
  });

  it('names a missing required attribute', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<Image value="$i"/></View>')).message).toBe('<Image> is missing the required attribute "name" at line 2');
    expect(errorOf(() => labelConfigFromXml(IMAGE_BOX('    <Label background="red"/>'))).message).toBe('<Label> is missing the required attribute "value" at line 4');
  });

  it('rejects a boolean attribute that is not "true" or "false"', () => {
    expect(errorOf(() => labelConfigFromXml('<View>\n<Image name="i" value="$i" zoom="yes"/></View>')).message)
      .toBe('attribute "zoom" on <Image> at line 2 must be "true" or "false", got "yes"');
  });

  it('rejects a number attribute that is not a number', () => {
    expect(errorOf(() => labelConfigFromXml('<View><Text name="t" value="$t"/>\n<Rating name="r" toName="t" maxRating="ten"/></View>')).message)
      .toBe('attribute "maxRating" on <Rating> at line 2 must be a whole number, got "ten"');
  });

  it('locates schema errors on the attribute that caused them', () => {
    const error = errorOf(() => labelConfigFromXml(IMAGE_BOX('    <Label value="Car" background="red; background-image: url(x)"/>')));
    expect(error.message).toMatch(/^attribute "background" on <Label> at line 4: must be a CSS color/);
    expect(error.field).toBe('controls[0].labels[0].background');
    expect(error.line).toBe(4);
  });

  it('locates a dangling toName on its control', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n  <Image name="image" value="$image"/>\n  <RectangleLabels name="label" toName="img">\n    <Label value="Car"/>\n  </RectangleLabels>\n</View>'));
    expect(error.message).toBe('attribute "toName" on <RectangleLabels> at line 3: rectanglelabels control "label" points toName "img", but there is no object named "img"');
    expect(error.field).toBe('controls[0].toName[0]');
  });

  it('says when a control has no labels', () => {
    const error = errorOf(() => labelConfigFromXml('<View><Image name="i" value="$i"/>\n<RectangleLabels name="l" toName="i"></RectangleLabels></View>'));
    expect(error.message).toBe('<RectangleLabels> at line 2: needs at least one label');
  });

  it('rejects a literal object value that names no task data key', () => {
    const error = errorOf(() => labelConfigFromXml('<View>\n<Text name="t" value="John went to see Mary"/>\n<Choices name="c" toName="t"><Choice value="a"/></Choices></View>'));
    expect(error.message).toMatch(/^attribute "value" on <Text> at line 2: must name a task data key/);
  });

  it('rejects a control pointed at the wrong kind of object', () => {
    const error = errorOf(() => labelConfigFromXml('<View><Text name="t" value="$t"/>\n<PolygonLabels name="p" toName="t"><Label value="a"/></PolygonLabels></View>'));
    expect(error.message).toMatch(/polygonlabels control "p" can only label image objects, but "t" is a text object/);
    expect(error.line).toBe(2);
  });
});
