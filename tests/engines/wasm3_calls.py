#!/usr/bin/env python3
"""The mini-program module in wasm3 (pip pywasm3), an interpreter that shares nothing with V8
or JavaScriptCore: instantiate it, then call exports end to end through the wasm-bindgen ABI
the way the JS glue does, with a JS value heap kept here in Python.

    python3 tests/engines/wasm3_calls.py MODULE.wasm CALLS.json  ->  JSON results on stdout

CALLS.json is a list of [export, [string arguments]]; each export is called as the glue calls
a `(JsValue, Option<JsValue>) -> Result<String, JsValue>` boundary function: a return slot on
the shadow stack, each argument as a heap index, the options as 0 (None). The result is the
string read from the slot, or {"threw": ...} when the Result is an Err.

Only the wasm-bindgen intrinsics these calls need are implemented (by their stable names,
whatever hash suffix this wasm-bindgen gives them); every other import is linked to a stub
that records its name and returns a fresh opaque heap value, so a call that starts needing
more shows up in its result's `stubs` instead of passing by accident.
"""
import json
import struct
import sys

import wasm3

# wasm-bindgen 0.2.130's JS value heap: 1024 empty slots, then undefined, null, true, false;
# the first object gets index 1028 (the module compares indices against these constants).
HEAP_RESERVED = 1024
UNDEFINED = object()


def leb(data, pos, signed=False):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if signed and byte & 0x40:
                result -= 1 << shift
            return result, pos


VALTYPES = {0x7F: "i", 0x7E: "I", 0x7D: "f", 0x7C: "F"}


def function_imports(module):
    """[(module, name, 'r(params)')] for every imported function, from the binary itself."""
    assert module[:8] == b"\0asm\x01\0\0\0", "not a wasm module"
    pos, types, imports = 8, [], []
    while pos < len(module):
        section = module[pos]
        size, pos = leb(module, pos + 1)
        end = pos + size
        if section == 1:  # types
            count, p = leb(module, pos)
            for _ in range(count):
                assert module[p] == 0x60
                n, p = leb(module, p + 1)
                params = "".join(VALTYPES[module[p + i]] for i in range(n))
                p += n
                m, p = leb(module, p)
                results = "".join(VALTYPES[module[p + i]] for i in range(m))
                p += m
                types.append(f"{results or 'v'}({params})")
        elif section == 2:  # imports
            count, p = leb(module, pos)
            for _ in range(count):
                n, p = leb(module, p)
                mod = module[p:p + n].decode()
                p += n
                n, p = leb(module, p)
                name = module[p:p + n].decode()
                p += n
                kind = module[p]
                p += 1
                if kind == 0:
                    index, p = leb(module, p)
                    imports.append((mod, name, types[index]))
                else:
                    raise SystemExit(f"import {mod}.{name} of kind {kind}: only functions are expected")
        pos = end
    return imports


def intrinsic(name):
    """'__wbg___wbindgen_string_get_7ce8…' -> 'string_get'; None for a non-intrinsic import."""
    stem = name[len("__wbg_"):] if name.startswith("__wbg_") else name
    if not stem.startswith("__wbindgen_"):
        return None
    stem = stem[len("__wbindgen_"):]
    head, _, tail = stem.rpartition("_")
    return head if head and len(tail) == 16 and all(c in "0123456789abcdef" for c in tail) else stem


class Heap:
    def __init__(self):
        self.slots = [UNDEFINED] * HEAP_RESERVED + [UNDEFINED, None, True, False]
        self.free = []

    def add(self, value):
        if self.free:
            index = self.free.pop()
            self.slots[index] = value
        else:
            index = len(self.slots)
            self.slots.append(value)
        return index

    def get(self, index):
        return self.slots[index]

    def drop(self, index):
        if index >= HEAP_RESERVED + 4:
            self.slots[index] = UNDEFINED
            self.free.append(index)


def main():
    module_bytes = open(sys.argv[1], "rb").read()
    calls = json.load(open(sys.argv[2]))
    env = wasm3.Environment()
    runtime = env.new_runtime(1 << 20)
    module = env.parse_module(module_bytes)
    runtime.load(module)
    heap = Heap()
    unknown = []
    exports = {}

    def memory():
        return runtime.get_memory(0)

    def pass_string(text):
        data = text.encode("utf-8")
        ptr = exports["__wbindgen_malloc"](len(data), 1)
        memory()[ptr:ptr + len(data)] = data
        return ptr, len(data)

    def read_string(ptr, length):
        return bytes(memory()[ptr:ptr + length]).decode("utf-8")

    def write_i32(address, value):
        memory()[address:address + 4] = struct.pack("<i", value)

    def read_i32(address):
        return struct.unpack("<i", bytes(memory()[address:address + 4]))[0]

    def string_get(ret, index):
        value = heap.get(index)
        if isinstance(value, str):
            ptr, length = pass_string(value)
        else:
            ptr, length = 0, 0
        write_i32(ret + 4, length)
        write_i32(ret, ptr)

    implemented = {
        "object_drop_ref": lambda index: heap.drop(index),
        "object_clone_ref": lambda index: heap.add(heap.get(index)),
        "is_undefined": lambda index: int(heap.get(index) is UNDEFINED),
        "is_null": lambda index: int(heap.get(index) is None),
        "is_string": lambda index: int(isinstance(heap.get(index), str)),
        "is_object": lambda index: int(isinstance(heap.get(index), (dict, list))),
        "is_function": lambda index: 0,
        "is_bigint": lambda index: 0,
        "string_get": string_get,
        "throw": lambda ptr, length: (_ for _ in ()).throw(RuntimeError(read_string(ptr, length))),
    }

    def stub(name, signature):
        def called(*args):
            unknown.append(name)
            return heap.add({"opaque": name}) if signature[0] == "i" else (0 if signature[0] != "v" else None)
        return called

    imports = function_imports(module_bytes)
    for mod, name, signature in imports:
        fn = implemented.get(intrinsic(name)) or stub(name, signature)
        module.link_function(mod, name, signature, fn)

    for name in ["__wbindgen_malloc", "__wbindgen_free", "__wbindgen_add_to_stack_pointer"]:
        exports[name] = runtime.find_function(name)

    results = []
    for export, args in calls:
        fn = runtime.find_function(export)
        del unknown[:]
        ret = exports["__wbindgen_add_to_stack_pointer"](-16) & 0xFFFFFFFF
        argv = [heap.add(a) for a in args]
        if export != "version":
            argv.append(0)  # options: None
        fn(ret, *argv)
        ptr, length, err, is_err = (read_i32(ret + 4 * i) for i in range(4))
        if export != "version" and is_err:
            value = heap.get(err)
            results.append({"export": export, "args": args, "threw": value if isinstance(value, (str, dict)) else repr(value), "stubs": sorted(set(unknown))})
        else:
            results.append({"export": export, "args": args, "value": read_string(ptr, length), "stubs": sorted(set(unknown))})
            exports["__wbindgen_free"](ptr, length, 1)
        exports["__wbindgen_add_to_stack_pointer"](16)

    print(json.dumps({
        "engine": f"wasm3 {wasm3.M3_VERSION}",
        "imports": len(imports),
        "results": results,
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
