package aws

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/drydock-sandbox/drydock/fakeaws/fakeawstest"
	"github.com/drydock-sandbox/drydock/providers"
)

// Helpers the tests of IAM, SSHKey, LaunchTemplate, AutoscalingGroup and
// EBSVolume share.

const tkCluster = "tasks.example.com"

// tkTags are the tags of a resource name of tkCluster, with extra.
func tkTags(name string, extra ...string) map[string]string {
	m := OwnershipTags(tkCluster)
	m[TagName] = name
	for i := 0; i+1 < len(extra); i += 2 {
		m[extra[i]] = extra[i+1]
	}
	return m
}

// tkWantChange plans tasks and checks that the plan modifies one
// resource, and exactly the fields of want (one, as a rule); then it
// applies and checks that the next plan is empty.
func tkWantChange(t *testing.T, c *Clients, tasks []task, kind, name string, want ...providers.Field) {
	t.Helper()
	got := planTasks(t, c, tasks...)
	wantPlan := []providers.Change{{Kind: kind, Name: name, Fields: want}}
	if fmt.Sprint(got) != fmt.Sprint(wantPlan) {
		t.Fatalf("plan:\n got %+v\nwant %+v", got, wantPlan)
	}
	applyTasks(t, c, tasks...)
	tkNoChanges(t, c, tasks...)
}

// tkNoChanges checks that a plan of tasks is empty.
func tkNoChanges(t *testing.T, c *Clients, tasks ...task) {
	t.Helper()
	if got := planTasks(t, c, tasks...); len(got) != 0 {
		t.Fatalf("plan after apply: %+v, want none", got)
	}
}

// tkPlanError checks that a plan of tasks fails with an error that
// contains every one of words.
func tkPlanError(t *testing.T, c *Clients, tasks []task, words ...string) {
	t.Helper()
	_, err := run(context.Background(), c, tasks, false, 4, nil)
	if err == nil {
		t.Fatalf("plan succeeded, want an error with %q", words)
	}
	for _, w := range words {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("plan error %q does not contain %q", err, w)
		}
	}
}

// tkCreates checks that the plan of tasks creates exactly the
// resources kind/name in keys, and returns the creations by key.
func tkCreates(t *testing.T, c *Clients, tasks []task, keys ...string) map[string]providers.Change {
	t.Helper()
	got := map[string]providers.Change{}
	for _, ch := range planTasks(t, c, tasks...) {
		if !ch.Create {
			t.Fatalf("plan modifies %s/%s, want creations only", ch.Kind, ch.Name)
		}
		got[ch.Kind+"/"+ch.Name] = ch
	}
	if have, want := slices.Sorted(maps.Keys(got)), slices.Sorted(slices.Values(keys)); !slices.Equal(have, want) {
		t.Fatalf("plan creates %v, want %v", have, want)
	}
	return got
}

func tkField(ch providers.Change, name string) string {
	for _, f := range ch.Fields {
		if f.Name == name {
			return f.New
		}
	}
	return ""
}

// tkFaulty are clients of srv through a proxy that answers the
// first n requests of action with an AWS error (EC2's format, or the
// query format of the other services) instead of passing them on.
func tkFaulty(t *testing.T, srv *fakeawstest.Server, action string, n int, ec2Format bool, code, message string) *Clients {
	t.Helper()
	var mu sync.Mutex
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		mu.Lock()
		fail := form.Get("Action") == action && n > 0
		if fail {
			n--
		}
		mu.Unlock()
		if !fail {
			srv.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusBadRequest)
		if ec2Format {
			fmt.Fprintf(w, `<Response><Errors><Error><Code>%s</Code><Message>%s</Message></Error></Errors><RequestID>r-1</RequestID></Response>`, code, message)
		} else {
			fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`, code, message)
		}
	}))
	t.Cleanup(proxy.Close)
	cfg := srv.Config()
	cfg.BaseEndpoint = aws.String(proxy.URL)
	return NewClients(cfg)
}
