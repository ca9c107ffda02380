import { describeOriginalsDetected } from "@training-templates/testkit";
import { nemotronFamily } from "../src/index.ts";

// 3.5 Lightning's template is Ultra's minus one flag: neither may be taken for the other.
describeOriginalsDetected(nemotronFamily, {
  "nemotron__3-nano.jinja": "nemotron-3-nano",
  "nemotron__3-super.jinja": "nemotron-3-super",
  "nemotron__3-ultra.jinja": "nemotron-3-ultra",
  "nemotron__3.5-lightning.jinja": "nemotron-3.5-lightning",
});
