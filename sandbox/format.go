package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// WriteStatus writes st as a table (key: value lines) or as JSON.
func WriteStatus(w io.Writer, st *State, format string) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	case "table", "":
	default:
		return fmt.Errorf("output format %q: use table or json", format)
	}
	if !st.Running {
		_, err := fmt.Fprintf(w, "%s\n", ErrNotRunning)
		return err
	}
	clusters := "none (create one with: drydock create cluster)"
	if len(st.Clusters) > 0 {
		clusters = strings.Join(st.Clusters, ", ")
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	rows := [][2]string{
		{"STATUS", "running"},
		{"ENDPOINT", st.Endpoint},
		{"DNS", st.DNSAddr + " (udp, tcp)"},
		{"PID", fmt.Sprint(st.PID)},
		{"UPTIME", st.Uptime},
		{"SPEED", speedText(st.Speed)},
		{"ACCOUNTS", strings.Join(st.Accounts, ", ")},
		{"STATE STORE", StateStore},
		{"CLUSTERS", clusters},
		{"DATA", st.DataDir},
		{"VERSION", st.Version},
	}
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%s\n", r[0], r[1])
	}
	if st.Warning != "" {
		fmt.Fprintf(tw, "WARNING\t%s\n", st.Warning)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(w, "\nUse it from your shell with: eval \"$(drydock sandbox env)\"")
	return err
}

func speedText(speed float64) string {
	if speed == 0 {
		return "immediate (0)"
	}
	return fmt.Sprintf("%vx real time", speed)
}
