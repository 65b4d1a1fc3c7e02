package ops

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

func TestSetUnsetPath(t *testing.T) {
	base := func() *api.Cluster {
		return &api.Cluster{
			Metadata: api.ObjectMeta{Name: "c"},
			Spec: api.ClusterSpec{
				KubernetesVersion: "1.33.0",
				Subnets:           []api.Subnet{{Name: "a", Zone: "us-east-1a"}, {Name: "b", Zone: "us-east-1b"}},
				CloudLabels:       map[string]string{"team": "x"},
			},
		}
	}
	for _, tc := range []struct {
		name          string
		sets, unsets  []string
		want, wantErr string
	}{
		{name: "scalar", sets: []string{"spec.kubernetesVersion=1.33.4"}, want: `"kubernetesVersion":"1.33.4"`},
		{name: "new object", sets: []string{"spec.kubelet.maxPods=110"}, want: `"kubelet":{"maxPods":110}`},
		{name: "number as string field", sets: []string{"spec.channel=123"}, want: `"channel":"123"`},
		{name: "list index", sets: []string{"spec.subnets[1].cidr=10.0.1.0/24"}, want: `"zone":"us-east-1b","cidr":"10.0.1.0/24"`},
		{name: "append", sets: []string{"spec.subnets[2].name=c"}, want: `{"name":"c"}`},
		{name: "metadata", sets: []string{"metadata.labels.team=y"}, want: `"labels":{"team":"y"}`},
		{name: "unset", unsets: []string{"spec.cloudLabels.team"}, want: `"cloudLabels":{}`},
		{name: "unset list element", unsets: []string{"spec.subnets[0]"}, want: `"subnets":[{"name":"b","zone":"us-east-1b"}]`},
		{name: "bad type", sets: []string{"spec.subnets=x"}, wantErr: "spec.subnets"},
		{name: "index past end", sets: []string{"spec.subnets[5].name=x"}, wantErr: "the list has 2 elements"},
		{name: "no value", sets: []string{"spec.kubernetesVersion"}, wantErr: "want PATH=VALUE"},
		{name: "outside spec", sets: []string{"kind=Other"}, wantErr: "paths start with spec."},
		{name: "unset missing", unsets: []string{"spec.nothing"}, wantErr: "nothing: not found"},
		{name: "bad index", sets: []string{"spec.subnets[x].name=a"}, wantErr: "bad index"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			var err error
			for _, s := range tc.sets {
				if err = SetPath(c, s); err != nil {
					break
				}
			}
			for _, p := range tc.unsets {
				if err == nil {
					err = UnsetPath(c, p)
				}
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error %v; want one containing %q", err, tc.wantErr)
				}
				if got, _ := json.Marshal(c); string(got) != mustJSON(base()) {
					t.Errorf("a failed change modified the object: %s", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, _ := json.Marshal(c)
			if !strings.Contains(string(got), tc.want) {
				t.Errorf("got %s; want it to contain %s", got, tc.want)
			}
		})
	}
}

func TestSetPathInstanceGroup(t *testing.T) {
	ig := &api.InstanceGroup{Metadata: api.ObjectMeta{Name: "nodes"}}
	if err := SetPath(ig, "spec.maxSize=5"); err != nil {
		t.Fatal(err)
	}
	if ig.Spec.MaxSize == nil || *ig.Spec.MaxSize != 5 {
		t.Errorf("maxSize = %v", ig.Spec.MaxSize)
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
