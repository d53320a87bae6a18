// random model file (seed 0, #0), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_00 {
	Layer L0 {
		Type: DSCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 1, K: 1, C: 16, R: 1, S: 1, Y: 26, X: 20 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 3, K: 96, C: 1, R: 3, S: 3, Y: 19, X: 37 }
	}
	Layer L2 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 96, C: 64, R: 1, S: 1, Y: 22, X: 31 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 16, C: 32, R: 3, S: 3, Y: 19, X: 6 }
	}
	Layer L4 {
		Type: DSCONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 1, C: 8, R: 1, S: 1, Y: 16, X: 21 }
	}
}
