import { labelConfigFromXml } from '../../src/label-config/index.js';

/** One config exercising every control type Laoshi supports. */
export const config = labelConfigFromXml(`<View>
  <Image name="image" value="$image"/>
  <RectangleLabels name="box" toName="image"><Label value="Car"/><Label value="Person"/></RectangleLabels>
  <PolygonLabels name="poly" toName="image"><Label value="Road"/></PolygonLabels>
  <KeyPointLabels name="kp" toName="image"><Label value="Nose"/></KeyPointLabels>
  <Choices name="quality" toName="image" perRegion="true"><Choice value="sharp"/><Choice value="blurry"/></Choices>
  <Number name="count" toName="image" min="0" max="100"/>

  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text" choice="multiple"><Label value="PER"/><Label value="ORG"/></Labels>
  <Relations><Relation value="works_for"/><Relation value="founded"/></Relations>
  <Choices name="topic" toName="text" choice="multiple"><Choice value="Sports"/><Choice value="News"/></Choices>
  <Choices name="sentiment" toName="text"><Choice value="Positive"/><Choice value="Negative"/></Choices>
  <Rating name="stars" toName="text" maxRating="5"/>

  <HyperText name="html" value="$html"/>
  <Labels name="html_ner" toName="html"><Label value="Title"/></Labels>

  <Audio name="audio" value="$audio"/>
  <Labels name="speaker" toName="audio"><Label value="Speaker 1"/><Label value="Speaker 2"/></Labels>
  <TextArea name="transcription" toName="audio" perRegion="true" maxSubmissions="2"/>

  <Video name="video" value="$video"/>
  <Labels name="video_labels" toName="video"><Label value="Man"/><Label value="Woman"/></Labels>
  <VideoRectangle name="track" toName="video"/>

  <Text name="left" value="$left"/><Text name="right" value="$right"/>
  <Pairwise name="pw" toName="left,right"/>
  <List name="results" value="$items"/>
  <Ranker name="rank" toName="results"><Bucket name="relevant"/><Bucket name="ads"/></Ranker>
</View>`);

/** Items as Label Studio writes them for `config`; indexes are referred to by the tests. */
export const goodResult = () => [
  /* 0 */ {
    id: 'bbox1', from_name: 'box', to_name: 'image', type: 'rectanglelabels', origin: 'manual',
    original_width: 1920, original_height: 1080, image_rotation: 0, meta: { text: ['partly hidden'] },
    value: { x: 10.5, y: 20, width: 30, height: 40, rotation: 0, rectanglelabels: ['Car'] },
  },
  /* 1 */ {
    id: 'bbox1', from_name: 'quality', to_name: 'image', type: 'choices', origin: 'manual',
    value: { x: 10.5, y: 20, width: 30, height: 40, rotation: 0, choices: ['sharp'] },
  },
  /* 2 */ {
    id: 'poly1', from_name: 'poly', to_name: 'image', type: 'polygonlabels', original_width: 1920, original_height: 1080,
    value: { points: [[2, 2], [3.5, 8.1], [3.5, 12.6]], closed: true, polygonlabels: ['Road'] },
  },
  /* 3 */ { id: 'kp1', from_name: 'kp', to_name: 'image', type: 'keypointlabels', value: { x: 50, y: 50, width: 0.5, keypointlabels: ['Nose'] } },
  /* 4 */ { id: 'ent1', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 0, end: 5, text: 'Alice', labels: ['PER'] } },
  /* 5 */ { id: 'ent2', from_name: 'ner', to_name: 'text', type: 'labels', value: { start: 15, end: 19, text: 'ACME', labels: ['ORG'] } },
  /* 6 */ { from_id: 'ent1', to_id: 'ent2', type: 'relation', direction: 'right', labels: ['works_for'] },
  /* 7 */ { id: 'cls1', from_name: 'topic', to_name: 'text', type: 'choices', value: { choices: ['Sports', 'News'] } },
  /* 8 */ { id: 'cls2', from_name: 'sentiment', to_name: 'text', type: 'choices', value: { choices: ['Positive'] } },
  /* 9 */ {
    id: 'h1', from_name: 'html_ner', to_name: 'html', type: 'hypertextlabels',
    value: { start: '/div[1]/p[1]/text()[1]', end: '/div[1]/p[1]/text()[1]', startOffset: 0, endOffset: 5, globalOffsets: { start: 0, end: 5 }, text: 'Hello', hypertextlabels: ['Title'] },
  },
  /* 10 */ { id: 'seg1', from_name: 'speaker', to_name: 'audio', type: 'labels', original_length: 18, value: { start: 3.1, end: 8.2, channel: 0, labels: ['Speaker 1'] } },
  /* 11 */ { id: 'seg1', from_name: 'transcription', to_name: 'audio', type: 'textarea', value: { start: 3.1, end: 8.2, channel: 0, text: ['hello there'] } },
  /* 12 */ {
    id: 'trk1', from_name: 'track', to_name: 'video', type: 'videorectangle', origin: 'manual',
    value: {
      framesCount: 1051, duration: 42.008633, labels: ['Man'],
      sequence: [
        { frame: 1, x: 16, y: 51, width: 30, height: 28, rotation: 0, enabled: true, time: 0.04 },
        { frame: 18, x: 44.7, y: 51.5, width: 30.1, height: 28.8, rotation: 0, enabled: false, time: 0.72 },
      ],
    },
  },
  /* 13 */ { id: 'r1', from_name: 'stars', to_name: 'text', type: 'rating', value: { rating: 4 } },
  /* 14 */ { id: 'n1', from_name: 'count', to_name: 'image', type: 'number', value: { number: 7 } },
  /* 15 */ { id: 'pw1', from_name: 'pw', to_name: 'pw', type: 'pairwise', value: { selected: 'left' } },
  /* 16 */ { id: 'rk1', from_name: 'rank', to_name: 'results', type: 'ranker', value: { ranker: { relevant: ['mdn', 'wiki'], ads: ['blog'] } } },
];
