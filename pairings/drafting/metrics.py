"""The metric of a drafted figure: the cue words each metric carries in the registry
(Metric.cues), read around the number."""


def metric_of(metrics, before, after, units):
    """Return (metric, cue) nearest the number: a cue right after the counter (7名医生) or
    the nearest before it in its clause, among the metrics that take the counter's unit."""
    best = None
    for metric in metrics:
        if not set(units) & set(metric.units):
            continue
        for cue in metric.cues:
            at = after.find(cue)
            if at >= 0:
                rank = (at, -len(cue))
                best = min(best or (rank, metric, cue), (rank, metric, cue), key=lambda b: b[0])
            at = before.rfind(cue)
            if at >= 0:
                rank = (len(before) - at - len(cue), -len(cue))
                best = min(best or (rank, metric, cue), (rank, metric, cue), key=lambda b: b[0])
    return (best[1], best[2]) if best else (None, "")
