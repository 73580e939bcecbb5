import { describe, expect, it } from 'vitest';
import { labelConfigFromXml, parseLabelConfig } from '../../src/label-config/index.js';

// Configs written the way Label Studio's template gallery writes them.

describe('labelConfigFromXml on Label Studio templates', () => {
  it('converts image object detection with bounding boxes', () => {
    const config = labelConfigFromXml(`<View>
  <Image name="image" value="$image" zoom="true" zoomControl="true" rotateControl="true"/>
  <RectangleLabels name="label" toName="image" strokeWidth="3" opacity="0.5" canRotate="false">
    <Label value="Airplane" background="green" hotkey="1"/>
    <Label value="Car" background="#0000ff" alias="C"/>
  </RectangleLabels>
</View>`);
    expect(config).toEqual({
      objects: [{ name: 'image', type: 'image', value: '$image', zoom: true, zoomControl: true, rotateControl: true }],
      controls: [{
        name: 'label', type: 'rectanglelabels', toName: ['image'], strokeWidth: 3, opacity: 0.5, canRotate: false,
        labels: [{ value: 'Airplane', background: 'green', hotkey: '1' }, { value: 'Car', background: '#0000ff', alias: 'C' }],
      }],
    });
  });

  it('converts polygons and keypoints on one image', () => {
    const config = labelConfigFromXml(`<View>
  <Image name="img" value="$image"/>
  <PolygonLabels name="poly" toName="img" pointSize="small" pointStyle="circle">
    <Label value="Road"/>
  </PolygonLabels>
  <KeyPointLabels name="kp" toName="img" choice="multiple">
    <Label value="Nose" background="red"/>
  </KeyPointLabels>
</View>`);
    expect(config.controls.map((c) => c.type)).toEqual(['polygonlabels', 'keypointlabels']);
    expect(config.controls[0]).toMatchObject({ pointSize: 'small', pointStyle: 'circle' });
    expect(config.controls[1]).toMatchObject({ choice: 'multiple' });
  });

  it('converts named entity recognition with relations', () => {
    const config = labelConfigFromXml(`<View>
  <Relations>
    <Relation value="org:founded_by"/>
    <Relation value="org:founded" background="#ff0000"/>
  </Relations>
  <Labels name="label" toName="text">
    <Label value="Organization" background="orange"/>
    <Label value="Person" background="green"/>
    <Label value="Datetime" background="blue"/>
  </Labels>

  <Text name="text" value="$text" granularity="word" saveTextResult="no"/>
</View>`);
    expect(config.objects).toEqual([{ name: 'text', type: 'text', value: '$text', granularity: 'word', saveTextResult: false }]);
    expect(config.controls[0]).toEqual({
      name: 'relations', type: 'relations', toName: [],
      labels: [{ value: 'org:founded_by' }, { value: 'org:founded', background: '#ff0000' }],
    });
    expect(config.controls[1]).toMatchObject({ name: 'label', type: 'labels', toName: ['text'] });
  });

  it('converts multi-label text classification nested in styled views', () => {
    const config = labelConfigFromXml(`<View>
  <Text name="text" value="$text"/>
  <View style="box-shadow: 2px 2px 5px #999; padding: 20px; margin-top: 2em; border-radius: 5px;">
    <Header value="Choose text sentiment"/>
    <Choices name="sentiment" toName="text" choice="multiple" showInLine="true" required="true">
      <Choice value="Positive" hotkey="p"/>
      <Choice value="Negative"/>
      <Choice value="Neutral" selected="true"/>
    </Choices>
  </View>
</View>`);
    expect(config.controls).toEqual([{
      name: 'sentiment', type: 'choices', toName: ['text'], choice: 'multiple', showInline: true, required: true,
      choices: [{ value: 'Positive', hotkey: 'p' }, { value: 'Negative' }, { value: 'Neutral', selected: true }],
    }]);
  });

  it('maps the single-radio look of choices to a single choice', () => {
    const config = labelConfigFromXml(`<View><Text name="t" value="$t"/>
  <Choices name="c" toName="t" choice="single-radio"><Choice value="A"/><Choice value="B"/></Choices></View>`);
    expect(config.controls[0]).toMatchObject({ choice: 'single' });
  });

  it('converts audio segmentation with a per-region transcription', () => {
    const config = labelConfigFromXml(`<View>
  <Labels name="labels" toName="audio">
    <Label value="Speaker 1"/>
    <Label value="Speaker 2"/>
  </Labels>
  <Audio name="audio" value="$audio" hotkey="space" cursorwidth="2"/>
  <View visibleWhen="region-selected">
    <Header value="Provide Transcription"/>
  </View>
  <TextArea name="transcription" toName="audio"
            rows="2" editable="true"
            perRegion="true" required="true" maxSubmissions="1"/>
</View>`);
    expect(config.objects).toEqual([{ name: 'audio', type: 'audio', value: '$audio', hotkey: 'space' }]);
    expect(config.controls[1]).toEqual({
      name: 'transcription', type: 'textarea', toName: ['audio'], rows: 2, editable: true, perRegion: true, required: true, maxSubmissions: 1,
    });
  });

  it('converts video object tracking', () => {
    const config = labelConfigFromXml(`<View>
   <Labels name="videoLabels" toName="video" allowEmpty="true">
     <Label value="Man" background="blue"/>
     <Label value="Woman" background="red"/>
   </Labels>
   <Video name="video" value="$video" framerate="25.0"/>
   <VideoRectangle name="box" toName="video"/>
</View>`);
    expect(config.objects).toEqual([{ name: 'video', type: 'video', value: '$video', frameRate: 25 }]);
    expect(config.controls[1]).toEqual({ name: 'box', type: 'videorectangle', toName: ['video'] });
  });

  it('converts pairwise comparison with a comma-separated toName', () => {
    const config = labelConfigFromXml(`<View>
  <Header value="Select one of two items"/>
  <Pairwise name="pw" toName="text1, text2" selectionStyle="background-color: #eee"/>
  <Text name="text1" value="$text1"/>
  <Text name="text2" value="$text2"/>
</View>`);
    expect(config.controls).toEqual([{ name: 'pw', type: 'pairwise', toName: ['text1', 'text2'] }]);
  });

  it('converts a ranker over a list, with buckets', () => {
    const config = labelConfigFromXml(`<View>
  <Style>.htx-ranker-column { background: cornflowerblue; } .htx-ranker-item > b { color: red }</Style>
  <Text name="query" value="$query"/>
  <List name="results" value="$items" title="Search Results"/>
  <Ranker name="rank" toName="results">
    <Bucket name="relevant" title="Relevant results"/>
    <Bucket name="ads" title="Paid results" default="true"/>
  </Ranker>
</View>`);
    expect(config.objects[1]).toEqual({ name: 'results', type: 'list', value: '$items', title: 'Search Results' });
    expect(config.controls).toEqual([{
      name: 'rank', type: 'ranker', toName: ['results'],
      buckets: [{ name: 'relevant', title: 'Relevant results' }, { name: 'ads', title: 'Paid results', default: true }],
    }]);
  });

  it('converts rating and number on the same text', () => {
    const config = labelConfigFromXml(`<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment is fine -->
<View>
  <Text name="txt" value="$text"/>
  <Rating name="rating" toName="txt" maxRating="10" icon="star" size="medium"/>
  <Number name="score" toName="txt" min="0" max="1.5" step="0.5"/>
</View>`);
    expect(config.controls).toEqual([
      { name: 'rating', type: 'rating', toName: ['txt'], maxRating: 10 },
      { name: 'score', type: 'number', toName: ['txt'], min: 0, max: 1.5, step: 0.5 },
    ]);
  });

  it('keeps HyperText options and decodes character references in attribute values', () => {
    const config = parseLabelConfig(`  <View><HyperText name="html" value="$html" inline="true" granularity="paragraph"/>
  <Labels name="ner" toName="html"><Label value="Fish &amp; Chips"/><Label value="&#x4E2D;&#25991;"/></Labels></View>`);
    expect(config.objects[0]).toEqual({ name: 'html', type: 'hypertext', value: '$html', inline: true, granularity: 'paragraph' });
    expect(config.controls[0]).toMatchObject({ labels: [{ value: 'Fish & Chips' }, { value: '中文' }] });
  });

  it('names a second unnamed relations control apart from an existing "relations" name', () => {
    const config = labelConfigFromXml(`<View><Text name="relations" value="$t"/>
  <Labels name="l" toName="relations"><Label value="A"/></Labels>
  <Relations><Relation value="r"/></Relations></View>`);
    expect(config.controls[1]?.name).toBe('relations_2');
  });
});
