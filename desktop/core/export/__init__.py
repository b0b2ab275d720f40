"""Writers for exported claim tables: Excel workbook, CSV, ClaimReview JSON-LD."""
