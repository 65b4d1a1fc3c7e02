package providers

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Plan is what an update changes: resources to create and resources to
// modify, each with its fields.
type Plan struct {
	Changes []Change
	// Cost estimates what the created resources cost; nil when unknown.
	Cost *Cost
}

// Change is one resource to create or modify.
type Change struct {
	Kind   string // e.g. "VPC", "LaunchTemplate"
	Name   string
	Create bool
	// Fields are every field of a resource to create, and the changed
	// fields of one to modify, sorted by name.
	Fields []Field
}

// Field is one field of a change: New is what it will be, Old what it is
// (empty for a creation).
type Field struct {
	Name     string
	Old, New string
}

// Empty reports whether the plan changes nothing.
func (p *Plan) Empty() bool { return p == nil || len(p.Changes) == 0 }

// Creates returns the resources the plan creates, sorted by kind and name.
func (p *Plan) Creates() []Change {
	cs := slices.DeleteFunc(slices.Clone(p.Changes), func(c Change) bool { return !c.Create })
	sortChanges(cs)
	return cs
}

// Modifies returns the resources the plan modifies, sorted by kind and name.
func (p *Plan) Modifies() []Change {
	cs := slices.DeleteFunc(slices.Clone(p.Changes), func(c Change) bool { return c.Create })
	sortChanges(cs)
	return cs
}

// Modified reports whether the plan modifies a resource of kind.
func (p *Plan) Modified(kind string) bool {
	for _, c := range p.Changes {
		if c.Kind == kind && !c.Create {
			return true
		}
	}
	return false
}

// Write prints the plan as kOps does:
//
//	Will create resources:
//	  VPC/k8s.example.com
//	  	CIDR                	172.20.0.0/16
//
//	Will modify resources:
//	  LaunchTemplate/nodes-us-east-1a.k8s.example.com
//	  	ImageID             	ami-1 -> ami-2
//
// Changes are sorted by kind and name.
func (p *Plan) Write(w io.Writer) error {
	if p.Empty() {
		_, err := fmt.Fprintln(w, "No changes need to be applied")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 8, 0, '\t', 0)
	for _, part := range []struct {
		title   string
		changes []Change
	}{{"Will create resources:", p.Creates()}, {"Will modify resources:", p.Modifies()}} {
		if len(part.changes) == 0 {
			continue
		}
		fmt.Fprintln(tw, part.title)
		for _, c := range part.changes {
			fmt.Fprintf(tw, "  %s/%s\n", c.Kind, c.Name)
			for _, f := range c.Fields {
				v := f.New
				if !c.Create {
					v = f.Old + " -> " + f.New
				}
				fmt.Fprintf(tw, "  \t%-20s\t%s\n", f.Name, v)
			}
			fmt.Fprintln(tw)
		}
	}
	return tw.Flush()
}

func sortChanges(cs []Change) {
	slices.SortFunc(cs, func(a, b Change) int {
		if c := strings.Compare(a.Kind, b.Kind); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
}

// Cost is an estimate of what a plan's new resources cost at on-demand
// prices.
type Cost struct {
	Lines           []CostLine
	Hourly, Monthly float64
	// Basis says which prices: "on-demand, us-east-1, prices as of …".
	Basis string
	// Unpriced says what could not be priced, if anything.
	Unpriced string
}

// CostLine is the cost of resources of one kind ("3 × t3.medium").
type CostLine struct {
	Description     string
	Hourly, Monthly float64
}

// Write prints the estimate: a summary line, then one line per kind.
func (c *Cost) Write(w io.Writer) error {
	if c.Unpriced != "" {
		_, err := fmt.Fprintf(w, "No cost estimate: %s\n", c.Unpriced)
		return err
	}
	fmt.Fprintf(w, "Estimated cost of what this plan creates: $%.2f/hour, $%.2f/month (%s)\n", c.Hourly, c.Monthly, c.Basis)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range c.Lines {
		fmt.Fprintf(tw, "  %s\t%9s/hour\t%9s/month\n", l.Description,
			fmt.Sprintf("$%.4f", l.Hourly), fmt.Sprintf("$%.2f", l.Monthly))
	}
	return tw.Flush()
}
