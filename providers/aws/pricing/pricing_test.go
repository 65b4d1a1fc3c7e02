package pricing

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestEstimate(t *testing.T) {
	tests := []struct {
		name          string
		items         []Item
		hourly        float64
		monthly       float64
		monthlyPriced bool // priced per month: monthly is exact, not 730 × hourly
	}{
		{
			name:    "known instance price",
			items:   []Item{{Kind: Instance, Region: "us-east-1", InstanceType: "m5.large", Count: 2}},
			hourly:  0.192,
			monthly: 0.192 * 730,
		},
		{
			name:    "regional multiplier",
			items:   []Item{{Kind: Instance, Region: "eu-west-1", InstanceType: "m5.large", Count: 1}},
			hourly:  0.096 * 1.11,
			monthly: 0.096 * 1.11 * 730,
		},
		{
			name:          "gp3 volume",
			items:         []Item{{Kind: Volume, Region: "us-east-1", VolumeType: "gp3", SizeGiB: 100, Count: 3}},
			hourly:        24.0 / 730,
			monthly:       24.0,
			monthlyPriced: true,
		},
		{
			name:          "hosted zone",
			items:         []Item{{Kind: HostedZone, Count: 1}},
			hourly:        0.5 / 730,
			monthly:       0.5,
			monthlyPriced: true,
		},
		{
			name: "NLB, NAT, EIP and zone",
			items: []Item{
				{Kind: LoadBalancer, Region: "us-east-1", Count: 1},
				{Kind: NATGateway, Region: "us-east-1", Count: 1},
				{Kind: PublicIPv4, Region: "us-east-1", Count: 2},
				{Kind: HostedZone, Count: 1},
			},
			hourly:  0.0225 + 0.006 + 0.045 + 2*0.005 + 0.5/730,
			monthly: (0.0225+0.006+0.045+2*0.005)*730 + 0.5,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Estimate(tt.items)
			if err != nil {
				t.Fatal(err)
			}
			if !near(c.Hourly, tt.hourly) || !near(c.Monthly, tt.monthly) {
				t.Errorf("got $%v/hour, $%v/month; want $%v/hour, $%v/month", c.Hourly, c.Monthly, tt.hourly, tt.monthly)
			}
			for _, l := range c.Lines {
				if !near(l.Monthly, l.Hourly*HoursPerMonth) {
					t.Errorf("%s: monthly %v != 730 × hourly %v", l.Description, l.Monthly, l.Hourly)
				}
			}
			if tt.monthlyPriced && c.Monthly != tt.monthly {
				t.Errorf("monthly-priced item: got %v, want exactly %v", c.Monthly, tt.monthly)
			}
		})
	}
}

func TestEstimateErrors(t *testing.T) {
	tests := []struct {
		name string
		item Item
		want []string
	}{
		{"unknown region", Item{Kind: Instance, Region: "mars-north-1", InstanceType: "t3.micro", Count: 1},
			[]string{`"mars-north-1"`, "us-east-1", "ap-southeast-1"}},
		{"unknown instance type", Item{Kind: Instance, Region: "us-east-1", InstanceType: "x9.huge", Count: 1},
			[]string{`"x9.huge"`}},
		{"unknown volume type", Item{Kind: Volume, Region: "us-east-1", VolumeType: "st1", SizeGiB: 10, Count: 1},
			[]string{`"st1"`}},
		{"empty region", Item{Kind: NATGateway, Count: 1}, []string{`region ""`}},
		{"zero count", Item{Kind: PublicIPv4, Region: "us-east-1"}, []string{"count 0"}},
		{"unknown kind", Item{Kind: "Bucket", Region: "us-east-1", Count: 1}, []string{`"Bucket"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Estimate([]Item{tt.item})
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %s", err, w)
				}
			}
		})
	}
}

func TestEveryTypeInEveryRegion(t *testing.T) {
	for _, r := range KnownRegions() {
		for typ := range instanceHourly {
			c, err := Estimate([]Item{{Kind: Instance, Region: r, InstanceType: typ, Count: 1}})
			if err != nil || c.Hourly <= 0 {
				t.Errorf("%s %s: $%v/hour, %v", r, typ, c.Hourly, err)
			}
		}
		if _, ok := networkPrices[r]; !ok {
			t.Errorf("%s: no network prices", r)
		}
	}
}

func TestFormat(t *testing.T) {
	c, err := Estimate([]Item{
		{Kind: Instance, Region: "us-east-1", InstanceType: "t3.medium", Count: 3},
		{Kind: Volume, Region: "us-east-1", VolumeType: "gp3", SizeGiB: 20, Count: 3},
		{Kind: LoadBalancer, Region: "us-east-1", Count: 1},
		{Kind: HostedZone, Count: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Format(&b, c); err != nil {
		t.Fatal(err)
	}
	want := `Estimated cost of what this plan creates: $0.16/hour, $117.21/month (on-demand, us-east-1, prices as of 2026-11)
  3 × t3.medium              $0.1248/hour     $91.10/month
  3 × gp3 20 GiB             $0.0066/hour      $4.80/month
  1 × NLB (+1 LCU)           $0.0285/hour     $20.80/month
  1 × Route53 hosted zone    $0.0007/hour      $0.50/month
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
