"""What changed between two or more exports of the same CRM: deal by deal, and as a flow."""
