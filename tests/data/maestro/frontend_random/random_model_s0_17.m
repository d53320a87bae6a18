// random model file (seed 0, #17), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_17 {
	Layer L0 {
		Type: NGCONV
		Stride { X: 2, Y: 2 }
		Dimensions { G: 2, K: 16, C: 8, R: 1, S: 1, Y: 2, X: 34 }
	}
	Layer L1 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, G: 2, K: 2, C: 2, R: 7, S: 7, Y: 34, X: 34 }
	}
	Layer L2 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 1, C: 16, R: 3, S: 3, Y: 30, X: 29 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 1, R: 5, S: 5, Y: 27, X: 6 }
	}
	Layer L4 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 4, K: 4, C: 3, R: 5, S: 5, Y: 5, X: 18 }
	}
}
