import { describeOriginalsDetected } from "@training-templates/testkit";
import { lfm2Family } from "../src/index.ts";

// LFM2.5 and LFM2.5-VL ship closely related templates: neither may be taken for the other.
describeOriginalsDetected(lfm2Family, {
  "lfm__2.jinja": "lfm2",
  "lfm__2.5.jinja": "lfm2.5",
  "lfm__2.5-vl.jinja": "lfm2-2.5-vl",
});
