package catalog

import "testing"

func TestDefaultInstanceType(t *testing.T) {
	c := AWS()
	c.Regions["x-test-1"] = []string{"x-test-1a"}
	c.Offers = map[string][]string{"x-test-1": {"c4.large", "t2.micro", "t4g.medium"}, "y-test-1": {"m5.large"}}
	for _, tc := range []struct {
		role, region, arch, want, wantErr string
	}{
		{role: "Master", region: "us-east-1", want: "t3.medium"},
		{role: "ControlPlane", region: "us-east-1", want: "t3.medium"},
		{role: "Node", region: "us-east-1", want: "t3.medium"},
		{role: "Bastion", region: "us-east-1", want: "t3.micro"},
		{role: "Node", region: "x-test-1", want: "c4.large"},
		{role: "Bastion", region: "x-test-1", want: "t2.micro"},
		{role: "Node", region: "y-test-1", wantErr: "region y-test-1 offers none of the default instance types for role Node (t3.medium, c5.large, c4.large, t4g.medium); name one"},
		{role: "Gateway", region: "us-east-1", wantErr: `no default instance type for role "Gateway"`},
	} {
		got, err := c.DefaultInstanceType(tc.role, tc.region, tc.arch)
		if got != tc.want || (err != nil) != (tc.wantErr != "") || (err != nil && err.Error() != tc.wantErr) {
			t.Errorf("%s in %s: %q, %v; want %q, %q", tc.role, tc.region, got, err, tc.want, tc.wantErr)
		}
	}
	c.Offers["z-test-1"] = []string{"t4g.medium"}
	if got, _ := c.DefaultInstanceType("Node", "z-test-1", ARM64); got != "t4g.medium" {
		t.Errorf("arm64 image: %q, want t4g.medium", got)
	}
	if _, err := c.DefaultInstanceType("Node", "z-test-1", ""); err == nil {
		t.Errorf("t4g picked for an image that is not arm64")
	}
}

func TestTables(t *testing.T) {
	c := AWS()
	for name, arch := range map[string]string{"t3.medium": AMD64, "m6g.xlarge": ARM64, "m3.medium": AMD64, "c7g.large": ARM64, "g4dn.xlarge": AMD64} {
		if it, ok := c.InstanceType(name); !ok || it.Arch != arch {
			t.Errorf("%s: %v %v", name, it, ok)
		}
	}
	if it, _ := c.InstanceType("m5.2xlarge"); it.String() != "m5.2xlarge (amd64, 8 vCPU, 32 GiB)" {
		t.Errorf("m5.2xlarge = %s", it)
	}
	if _, ok := c.InstanceType("t3.huge"); ok {
		t.Error("t3.huge known")
	}
	if z, ok := c.Zones("eu-west-1"); !ok || len(z) != 3 || z[0] != "eu-west-1a" {
		t.Errorf("eu-west-1 zones %v", z)
	}
	if RegionOf("us-east-1a") != "us-east-1" || RegionOf("ap-northeast-1d") != "ap-northeast-1" {
		t.Error("RegionOf")
	}
	if img, ok := Image(1, 33, ARM64); !ok || img != "099720109477/ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-20260714" {
		t.Errorf("Image = %q", img)
	}
	if _, ok := Image(1, 29, AMD64); ok {
		t.Error("an image for 1.29")
	}
}
