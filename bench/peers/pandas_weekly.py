"""pandas' side of make bench-peers: the same weekly distinct learners per
event kind as duckdb.mjs, read with pandas.read_json line by line in chunks
(reading a whole course at once would need all its events in memory).

usage: python3 pandas_weekly.py <study dir>   (prints the number of rows)
"""
import glob
import sys

import pandas as pd

COURSES = {
    "course-v1:NordhavnX+EAT101x+1T2026": ("2026-03-02", "eat"),
    "course-v1:NordhavnX+SUS201x+1T2026": ("2026-01-12", "sus"),
}
VIDEO = {"play_video", "pause_video", "seek_video", "stop_video", "load_video"}
PAGE = {"seq_goto", "seq_next", "seq_prev"}


def kind(event_type, source):
    if event_type == "problem_check":
        return "problem" if source == "server" else "other"
    if event_type in VIDEO or event_type.startswith("edx.video."):
        return "video"
    if event_type in PAGE or event_type.startswith("/") or event_type.startswith("edx.ui.lms."):
        return "page"
    if event_type.startswith("edx.forum."):
        return "forum"
    if event_type.startswith("edx.course.enrollment."):
        return "enrollment"
    return "other"


def main(study):
    seen = set()
    for course, (start, key) in COURSES.items():
        t0 = pd.Timestamp(start, tz="UTC")
        for path in sorted(glob.glob(f"{study}/data/{key}/logs/*.gz")):
            for df in pd.read_json(path, lines=True, chunksize=100_000, dtype=False, compression="gzip"):
                ctx = pd.json_normalize(df["context"])
                df = pd.DataFrame({
                    "course": ctx.get("course_id"), "learner": ctx.get("user_id").astype(str),
                    "type": df["event_type"].astype(str), "source": df.get("event_source", "").astype(str),
                    "t": pd.to_datetime(df["time"], utc=True, errors="coerce"),
                })
                df = df[(df.course == course) & (df.source != "task") & df.t.notna()
                        & df.learner.notna() & (df.learner != "") & (df.learner != "None") & (df.learner != "nan")]
                week = ((df.t - t0).dt.total_seconds() // 604800).astype(int) + 1
                kinds = [kind(e, s) for e, s in zip(df.type, df.source)]
                seen.update(zip([course] * len(df), week, kinds, df.learner))
    rows = {(c, w, k) for c, w, k, _ in seen}
    print(f"{len(rows)} course-week-kind rows")


if __name__ == "__main__":
    main(sys.argv[1])
