package pricing

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"text/tabwriter"
)

// Kind is the kind of priced resource.
type Kind string

// The kinds of resource this package prices.
const (
	Instance     Kind = "Instance"
	Volume       Kind = "Volume"
	LoadBalancer Kind = "LoadBalancer" // a Network Load Balancer
	NATGateway   Kind = "NATGateway"
	PublicIPv4   Kind = "PublicIPv4" // an EIP or any public IPv4 address
	HostedZone   Kind = "HostedZone" // a Route53 hosted zone (global; Region ignored)
)

// Item is one kind of resource a plan creates, Count times.
type Item struct {
	Kind         Kind
	Region       string
	InstanceType string // for Instance, e.g. "t3.medium"
	VolumeType   string // for Volume: "gp3", "gp2" or "io2"
	SizeGiB      int    // for Volume
	Count        int    // at least 1
}

// Line is the cost of one Item.
type Line struct {
	Item        Item
	Description string
	Hourly      float64 // USD per hour, all Count together
	Monthly     float64 // USD per month, all Count together
}

// Cost is the estimated cost of a list of items. It is what Estimate
// returns (named Cost because the function already holds the name Estimate).
type Cost struct {
	Lines   []Line
	Hourly  float64
	Monthly float64
	Regions []string // sorted, the regions of the items (hosted zones excluded)
	AsOf    string
}

// Estimate prices items at on-demand rates. Hourly-priced resources cost
// HoursPerMonth × hourly a month; monthly-priced ones (EBS, hosted zones)
// keep their exact monthly price and cost monthly / HoursPerMonth an hour.
// An unknown region, instance type or volume type is an error.
func Estimate(items []Item) (Cost, error) {
	c := Cost{AsOf: AsOf}
	regions := map[string]bool{}
	for i, it := range items {
		l, err := price(it)
		if err != nil {
			return Cost{}, fmt.Errorf("pricing item %d (%s): %w", i, it.Kind, err)
		}
		c.Lines = append(c.Lines, l)
		c.Hourly += l.Hourly
		c.Monthly += l.Monthly
		if it.Kind != HostedZone {
			regions[it.Region] = true
		}
	}
	c.Regions = slices.Sorted(maps.Keys(regions))
	return c, nil
}

func price(it Item) (Line, error) {
	if it.Count < 1 {
		return Line{}, fmt.Errorf("count %d: must be at least 1", it.Count)
	}
	n := float64(it.Count)
	if it.Kind == HostedZone {
		return monthly(it, fmt.Sprintf("%d × Route53 hosted zone", it.Count), n*hostedZoneMonth), nil
	}
	mult, ok := regionMultiplier[it.Region]
	if !ok {
		return Line{}, fmt.Errorf("unknown region %q (known: %s)", it.Region, strings.Join(KnownRegions(), ", "))
	}
	net := networkPrices[it.Region]
	switch it.Kind {
	case Instance:
		p, ok := instanceHourly[it.InstanceType]
		if !ok {
			return Line{}, fmt.Errorf("unknown instance type %q in %s", it.InstanceType, it.Region)
		}
		family, _, _ := strings.Cut(it.InstanceType, ".")
		p *= mult[familyGroup[family]]
		return hourly(it, fmt.Sprintf("%d × %s", it.Count, it.InstanceType), n*p), nil
	case Volume:
		p, ok := volumeGBMonth[it.VolumeType]
		if !ok {
			return Line{}, fmt.Errorf("unknown volume type %q in %s (known: gp3, gp2, io2)", it.VolumeType, it.Region)
		}
		if it.SizeGiB < 1 {
			return Line{}, fmt.Errorf("volume size %d GiB: must be at least 1", it.SizeGiB)
		}
		p *= mult[storage]
		desc := fmt.Sprintf("%d × %s %d GiB", it.Count, it.VolumeType, it.SizeGiB)
		return monthly(it, desc, n*float64(it.SizeGiB)*p), nil
	case LoadBalancer:
		p := net.nlbHour + nominalLCUs*net.nlbLCUHour
		return hourly(it, fmt.Sprintf("%d × NLB (+%d LCU)", it.Count, nominalLCUs), n*p), nil
	case NATGateway:
		desc := fmt.Sprintf("%d × NAT gateway (+$%.3f/GB processed)", it.Count, net.natGB)
		return hourly(it, desc, n*net.natHour), nil
	case PublicIPv4:
		return hourly(it, fmt.Sprintf("%d × public IPv4", it.Count), n*publicIPv4Hour), nil
	}
	return Line{}, fmt.Errorf("unknown kind %q", it.Kind)
}

func hourly(it Item, desc string, h float64) Line {
	return Line{Item: it, Description: desc, Hourly: h, Monthly: h * HoursPerMonth}
}

func monthly(it Item, desc string, m float64) Line {
	return Line{Item: it, Description: desc, Hourly: m / HoursPerMonth, Monthly: m}
}

// KnownRegions returns the regions this package has prices for, sorted.
func KnownRegions() []string {
	return slices.Sorted(maps.Keys(regionMultiplier))
}

// Format writes c as a one-line summary followed by a table of its lines.
func Format(w io.Writer, c Cost) error {
	regions := strings.Join(c.Regions, ", ")
	if regions == "" {
		regions = "global"
	}
	if _, err := fmt.Fprintf(w, "Estimated cost of what this plan creates: $%.2f/hour, $%.2f/month (on-demand, %s, prices as of %s)\n",
		c.Hourly, c.Monthly, regions, c.AsOf); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range c.Lines {
		fmt.Fprintf(tw, "  %s\t%9s/hour\t%9s/month\n", l.Description,
			fmt.Sprintf("$%.4f", l.Hourly), fmt.Sprintf("$%.2f", l.Monthly))
	}
	return tw.Flush()
}
