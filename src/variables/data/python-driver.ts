/**
 * Runs one Sensei list function: reads {file, function, args, kwargs} as JSON on stdin, writes
 * a marker then {ok, values | error} as JSON on stdout (anything the function prints comes
 * before the marker). Arity errors use Sensei's wording.
 */
export const PYTHON_DRIVER = String.raw`
import importlib.util, json, os, sys
def reply(obj):
    sys.stdout.write("\u0000SIMSIM\u0000" + json.dumps(obj, default=convert))
    sys.stdout.flush()
def convert(o):
    if hasattr(o, "tolist"):
        return o.tolist()
    if hasattr(o, "__iter__") and not isinstance(o, (str, bytes, dict)):
        return list(o)
    return str(o)
req = json.load(sys.stdin)
try:
    sys.path.insert(0, os.path.dirname(req["file"]))
    spec = importlib.util.spec_from_file_location("simsim_list_function", req["file"])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
except Exception as e:
    reply({"ok": False, "error": "could not load the file: %s: %s" % (type(e).__name__, e)})
    sys.exit(0)
fn = getattr(module, req["function"], None)
if not callable(fn):
    reply({"ok": False, "error": "the file has no function %s" % req["function"]})
    sys.exit(0)
try:
    result = fn(*req["args"], **req["kwargs"]) if req["hasArgs"] else fn()
except TypeError as e:
    word = "No arguments needed for this function" if req["hasArgs"] else "Arguments are needed for this function"
    reply({"ok": False, "error": "%s: %s" % (word, e)})
    sys.exit(0)
except Exception as e:
    reply({"ok": False, "error": "%s: %s" % (type(e).__name__, e)})
    sys.exit(0)
try:
    values = convert(result) if not isinstance(result, list) else result
    if not isinstance(values, list):
        reply({"ok": False, "error": "it returned %s, not a list" % type(result).__name__})
    else:
        reply({"ok": True, "values": values})
except Exception as e:
    reply({"ok": False, "error": "its result cannot be read: %s" % e})
`;
