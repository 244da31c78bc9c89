#!/usr/bin/env python3
"""Asks the app's window to close, as a window manager does when the user clicks its close
button: a WM_DELETE_WINDOW client message (the e2e display, Xvfb, has no window manager).
Usage: close-window.py <pid>   (the window of that process; exit 1 if there is none)."""

import sys

from Xlib import X, display, protocol


def windows(d, win):
    yield win
    for child in win.query_tree().children:
        yield from windows(d, child)


def main() -> int:
    pid = int(sys.argv[1])
    d = display.Display()
    net_pid = d.intern_atom("_NET_WM_PID")
    protocols = d.intern_atom("WM_PROTOCOLS")
    delete = d.intern_atom("WM_DELETE_WINDOW")
    for win in windows(d, d.screen().root):
        prop = win.get_full_property(net_pid, X.AnyPropertyType)
        wanted = win.get_wm_protocols() if prop else []
        # The visible toplevel: GTK's unmapped client-leader window carries the same pid.
        viewable = prop and win.get_attributes().map_state == X.IsViewable
        if viewable and prop.value[0] == pid and delete in wanted:
            event = protocol.event.ClientMessage(window=win, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0]))
            win.send_event(event, event_mask=X.NoEventMask)
            d.flush()
            return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
