package create

import (
	"encoding/json"
	"testing"

	"github.com/drydock-sandbox/drydock/cluster/api"
)

func TestSet(t *testing.T) {
	c := &api.Cluster{Spec: api.ClusterSpec{KubernetesVersion: "1.33.0", Networking: api.Networking{"calico": {}}}}
	for _, s := range []string{
		"cluster.spec.kubernetesVersion=1.34.1",
		"spec.networking.calico.bpfEnabled=true",
		"cluster.spec.addons[0].manifest=https://example.com/a.yaml",
		"cluster.spec.addons[1].manifest=https://example.com/b.yaml",
		"cluster.spec.karpenter.featureGates=StaticCapacity=true",
		"cluster.spec.channel=true",
		"cluster.spec.kubelet.maxPods=110",
		"cluster.spec.subnets[0].name=a",
	} {
		if err := Set(c, s); err != nil {
			t.Fatalf("Set(%q): %v", s, err)
		}
	}
	got, _ := json.Marshal(c.Spec)
	want := `{"addons":[{"manifest":"https://example.com/a.yaml"},{"manifest":"https://example.com/b.yaml"}],` +
		`"channel":"true","karpenter":{"featureGates":"StaticCapacity=true"},"kubelet":{"maxPods":110},` +
		`"kubernetesVersion":"1.34.1","networking":{"calico":{"bpfEnabled":true}},"subnets":[{"name":"a"}]}`
	if string(got) != want {
		t.Errorf("spec = %s\nwant   %s", got, want)
	}
}

func TestSetErrors(t *testing.T) {
	for s, want := range map[string]string{
		"spec.x":                         `set "spec.x": want cluster.spec.FIELD=VALUE`,
		"metadata.name=x":                `set "metadata.name=x": only cluster.spec fields can be set`,
		"spec.addons[1].manifest=x":      `set "spec.addons[1].manifest=x": [1]: the list has 0 elements`,
		"spec.kubernetesVersion.major=1": `set "spec.kubernetesVersion.major=1": major: the field above it is not an object`,
		"spec.subnets[x]=1":              `set "spec.subnets[x]=1": bad index in "subnets[x]"`,
		"spec..a=1":                      `set "spec..a=1": empty field name in "spec..a"`,
		"spec.iam.legacy=maybe":          `set "spec.iam.legacy=maybe": spec.iam.legacy: got string, want a boolean`,
		"spec.subnets[0].cidr=1":         "",
	} {
		c := &api.Cluster{Spec: api.ClusterSpec{KubernetesVersion: "1.33.0"}}
		err := Set(c, s)
		switch {
		case want == "" && err != nil:
			t.Errorf("Set(%q): %v", s, err)
		case want == "":
			if c.Spec.Subnets[0].CIDR != "1" {
				t.Errorf("Set(%q): an integer value for a string field gave %q", s, c.Spec.Subnets[0].CIDR)
			}
		case err == nil || err.Error() != want:
			t.Errorf("Set(%q) = %v\n            want %s", s, err, want)
		}
	}
}
