/**
 * Runs a Python target: loads `argv[1]`, finds the function `argv[2]`, says it is ready, then
 * answers one JSON line per request on stdin ({id, messages, context}) with one JSON line
 * ({id, ok, reply | error}). Protocol lines go to a copy of the original stdout; the process's
 * own stdout is pointed at stderr, so whatever the target prints cannot break the protocol.
 * Async functions run on one event loop that lives as long as the process.
 */
export const PYTHON_TARGET_DRIVER = String.raw`
import asyncio, importlib.util, inspect, json, os, sys
proto = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
sys.stdout = sys.stderr
def convert(o):
    if hasattr(o, "model_dump"):
        return o.model_dump()
    if hasattr(o, "tolist"):
        return o.tolist()
    if isinstance(o, (set, tuple)):
        return list(o)
    return str(o)
def send(obj):
    proto.write(json.dumps(obj, default=convert, ensure_ascii=False, allow_nan=False) + "\n")
    proto.flush()
path, name = sys.argv[1], sys.argv[2]
try:
    sys.path.insert(0, os.path.dirname(os.path.abspath(path)))
    spec = importlib.util.spec_from_file_location("simsim_target", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["simsim_target"] = module
    spec.loader.exec_module(module)
except BaseException as e:
    send({"ready": False, "error": "%s could not be loaded: %s: %s" % (path, type(e).__name__, e)})
    sys.exit(0)
fn = getattr(module, name, None)
if not callable(fn):
    names = sorted(k for k, v in vars(module).items() if inspect.isfunction(v) and not k.startswith("_") and v.__module__ == "simsim_target")
    send({"ready": False, "error": "%s has no function %s" % (path, name), "functions": names})
    sys.exit(0)
try:
    params = list(inspect.signature(fn).parameters.values())
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    takes_context = len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params)
except (TypeError, ValueError):
    takes_context = True
loop = asyncio.new_event_loop()
send({"ready": True})
while True:
    line = sys.stdin.readline()
    if not line:
        break
    try:
        request = json.loads(line)
    except ValueError:
        continue
    rid = request.get("id")
    try:
        result = fn(request["messages"], request["context"]) if takes_context else fn(request["messages"])
        if inspect.isawaitable(result):
            result = loop.run_until_complete(result)
    except Exception as e:
        send({"id": rid, "ok": False, "error": "%s: %s" % (type(e).__name__, e)})
        continue
    try:
        send({"id": rid, "ok": True, "reply": result})
    except (TypeError, ValueError) as e:
        send({"id": rid, "ok": False, "error": "its reply cannot be sent as JSON: %s" % e})
`;
