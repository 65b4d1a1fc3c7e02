package sandbox_test

import (
	"bytes"
	"context"
	"testing"

	"github.com/drydock-sandbox/drydock/cmd/drydock/app"
)

// TestNotRunning runs the commands that need no sandbox against an empty
// home: they succeed and say what to do next.
func TestNotRunning(t *testing.T) {
	t.Setenv("DRYDOCK_HOME", t.TempDir())
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"sandbox", "status"}, "sandbox is not running; start it with: drydock sandbox up\n"},
		{[]string{"sandbox", "down"}, "sandbox was not running\n"},
		{[]string{"sandbox", "reset"}, "sandbox is not running: nothing reset; start it with: drydock sandbox up\n"},
	} {
		var out, errb bytes.Buffer
		if err := app.Run(context.Background(), tc.args, app.Streams{In: &bytes.Buffer{}, Out: &out, Err: &errb}); err != nil {
			t.Fatalf("%v: %v\n%s", tc.args, err, errb.String())
		}
		if out.String() != tc.want {
			t.Errorf("%v printed %q; want %q", tc.args, out.String(), tc.want)
		}
	}
}
